package dev.strata.service.admin.transfer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.strata.service.memory.embedding.MiniLmEmbeddingProvider;
import dev.strata.service.memory.embedding.Vectors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * How a PostgreSQL column of the semantic-memory tables travels through an export: read from a
 * result set into JSON, checked when read back, and bound into the import's INSERT. Every
 * conversion is exact (bytes as base64, timestamps as ISO-8601 instants with microseconds, JSONB
 * numbers as exact decimals, REAL as the shortest text that reads back as the same float), so a
 * restore is the same data, not an approximation.
 */
enum ColumnType {
    TEXT("text"),
    BYTES("bytea"),
    /** A float32 vector from the server's model; its length is checked, a restore never re-embeds. */
    EMBEDDING("bytea"),
    TEXT_ARRAY("text[]"),
    REAL("real"),
    INTEGER("int4"),
    BIGINT("int8"),
    BOOLEAN("boolean"),
    JSON("jsonb"),
    TIMESTAMP("timestamptz");

    /** Bytes of one embedding: the model's dimensions as little-endian float32. */
    static final int EMBEDDING_BYTES = MiniLmEmbeddingProvider.DIMENSIONS * Float.BYTES;

    /**
     * Reads and writes rows. Exact decimals keep a JSONB number such as 2.50 as written (a double
     * would turn it into 2.5, or lose digits of a long one).
     */
    static final ObjectMapper JSON_MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private final String sqlType;

    ColumnType(String sqlType) {
        this.sqlType = sqlType;
    }

    /** The type a parameter is cast to in the import's INSERT. */
    String sqlType() {
        return sqlType;
    }

    /** The column's value in the current row as JSON (JSON null for SQL NULL). */
    JsonNode read(ResultSet rows, int index) throws SQLException {
        JsonNodeFactory nodes = JSON_MAPPER.getNodeFactory();
        JsonNode value = switch (this) {
            case TEXT -> nodes.textNode(rows.getString(index));
            case BYTES, EMBEDDING -> {
                byte[] bytes = rows.getBytes(index);
                yield bytes == null ? null : nodes.textNode(Base64.getEncoder().encodeToString(bytes));
            }
            case TEXT_ARRAY -> {
                java.sql.Array array = rows.getArray(index);
                if (array == null) {
                    yield null;
                }
                ArrayNode elements = nodes.arrayNode();
                for (Object element : (Object[]) array.getArray()) {
                    elements.add((String) element);
                }
                yield elements;
            }
            case REAL -> nodes.numberNode(rows.getFloat(index));
            case INTEGER -> nodes.numberNode(rows.getInt(index));
            case BIGINT -> nodes.numberNode(rows.getLong(index));
            case BOOLEAN -> nodes.booleanNode(rows.getBoolean(index));
            case JSON -> {
                String json = rows.getString(index);
                try {
                    yield json == null ? null : JSON_MAPPER.readTree(json);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException("PostgreSQL returned JSONB that is not JSON", e);
                }
            }
            case TIMESTAMP -> {
                OffsetDateTime at = rows.getObject(index, OffsetDateTime.class);
                yield at == null ? null : nodes.textNode(at.toInstant().toString());
            }
        };
        // wasNull() refers to the last get, which each case above made once.
        return value == null || rows.wasNull() ? NullNode.getInstance() : value;
    }

    /** Why a value from an export cannot be this column's, or null when it can (null values are checked by the caller). */
    String problem(JsonNode value) {
        return switch (this) {
            case TEXT -> value.isTextual() ? null : "must be a string";
            case BYTES -> decodes(value) ? null : "must be base64";
            case EMBEDDING -> {
                if (!decodes(value)) {
                    yield "must be base64";
                }
                byte[] bytes = Base64.getDecoder().decode(value.textValue());
                if (bytes.length != EMBEDDING_BYTES) {
                    yield "is " + bytes.length + " bytes; this server's model (" + MiniLmEmbeddingProvider.DIMENSIONS
                            + " dimensions, float32) produces " + EMBEDDING_BYTES
                            + " (an export from a server with another embedding model cannot be imported)";
                }
                // A NaN or infinite component would stop every server's index from following the change feed.
                for (float component : Vectors.fromBytes(bytes)) {
                    if (!Float.isFinite(component)) {
                        yield "holds a component that is not a finite number";
                    }
                }
                yield null;
            }
            case TEXT_ARRAY -> {
                if (!value.isArray()) {
                    yield "must be an array of strings";
                }
                for (JsonNode element : value) {
                    if (!element.isTextual()) {
                        yield "must be an array of strings";
                    }
                }
                yield null;
            }
            case REAL -> value.isNumber() && Float.isFinite(Float.parseFloat(value.asText())) ? null : "must be a finite number";
            case INTEGER -> value.isIntegralNumber() && value.canConvertToInt() ? null : "must be a 32-bit integer";
            case BIGINT -> value.isIntegralNumber() && value.canConvertToLong() ? null : "must be a 64-bit integer";
            case BOOLEAN -> value.isBoolean() ? null : "must be true or false";
            case JSON -> null;
            case TIMESTAMP -> {
                if (!value.isTextual()) {
                    yield "must be an ISO-8601 instant";
                }
                try {
                    Instant.parse(value.textValue());
                    yield null;
                } catch (DateTimeParseException e) {
                    yield "must be an ISO-8601 instant";
                }
            }
        };
    }

    /** Binds a checked value (never JSON null: every nullable column here is text). */
    void bind(PreparedStatement statement, int index, JsonNode value, Connection connection) throws SQLException {
        if (value.isNull()) {
            statement.setNull(index, java.sql.Types.VARCHAR);
            return;
        }
        switch (this) {
            case TEXT -> statement.setString(index, value.textValue());
            case BYTES, EMBEDDING -> statement.setBytes(index, Base64.getDecoder().decode(value.textValue()));
            case TEXT_ARRAY -> {
                String[] elements = new String[value.size()];
                for (int i = 0; i < elements.length; i++) {
                    elements[i] = value.get(i).textValue();
                }
                statement.setArray(index, connection.createArrayOf("text", elements));
            }
            // The decimal text, not floatValue(): it is what REAL's output wrote, so it reads back as the same float.
            case REAL -> statement.setFloat(index, Float.parseFloat(value.asText()));
            case INTEGER -> statement.setInt(index, value.intValue());
            case BIGINT -> statement.setLong(index, value.longValue());
            case BOOLEAN -> statement.setBoolean(index, value.booleanValue());
            case JSON -> statement.setString(index, write(value));
            case TIMESTAMP -> statement.setObject(index, OffsetDateTime.ofInstant(Instant.parse(value.textValue()), ZoneOffset.UTC));
        }
    }

    static String write(JsonNode value) {
        try {
            return JSON_MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static boolean decodes(JsonNode value) {
        if (!value.isTextual()) {
            return false;
        }
        try {
            Base64.getDecoder().decode(value.textValue());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

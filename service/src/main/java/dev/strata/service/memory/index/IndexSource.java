package dev.strata.service.memory.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.service.memory.embedding.Vectors;
import java.io.IOException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads memories from PostgreSQL in the form the index needs. */
public final class IndexSource {

    private static final String COLUMNS =
            "id, tenant_id, user_id, session_id, text, topics, entities, metadata::text AS metadata, created_at, version, embedding";
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public IndexSource(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Streams every memory (rebuild); rows are handed over in batches. */
    public void scanAll(int batchSize, Consumer<List<IndexedMemory>> sink) {
        List<IndexedMemory> batch = new ArrayList<>(batchSize);
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM memories");
            statement.setFetchSize(batchSize);
            return statement;
        }, (ResultSet rs) -> {
            batch.add(map(rs));
            if (batch.size() == batchSize) {
                sink.accept(List.copyOf(batch));
                batch.clear();
            }
        });
        if (!batch.isEmpty()) {
            sink.accept(List.copyOf(batch));
        }
    }

    /** The current rows of these ids; ids without a row were deleted. */
    public List<IndexedMemory> load(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.query(connection -> {
            var statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM memories WHERE id = ANY(?)");
            statement.setArray(1, connection.createArrayOf("text", ids.toArray()));
            return statement;
        }, (rs, row) -> map(rs));
    }

    private IndexedMemory map(ResultSet rs) throws SQLException {
        return new IndexedMemory(rs.getString("id"), rs.getString("tenant_id"), rs.getString("user_id"), rs.getString("session_id"),
                rs.getString("text"), strings(rs.getArray("topics")), strings(rs.getArray("entities")),
                scalars(rs.getString("metadata")), rs.getTimestamp("created_at").getTime(), rs.getLong("version"), Vectors.fromBytes(rs.getBytes("embedding")));
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    /** Top-level scalar metadata values as text: what metadata filters can match. */
    private Map<String, String> scalars(String metadata) {
        Map<String, String> scalars = new LinkedHashMap<>();
        try {
            JsonNode node = json.readTree(metadata);
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                    scalars.put(field.getKey(), field.getValue().asText());
                }
            }
        } catch (IOException e) {
            // The column is JSONB, so this cannot happen; an unreadable value only loses metadata filtering.
        }
        return scalars;
    }
}

package dev.strata.service.admin.transfer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * One line of the semantic-memory file: {@code {"table":"memories","crc32c":"…","row":{column: value, …}}}.
 * The CRC-32C covers the exact characters of {@code row} as written, so any change inside a row (a
 * flipped byte of an embedding's base64, an edited text) is found and named by line, like an item's.
 */
record MemoryLine(MemoryTable table, ObjectNode row) {

    String format() {
        String rowText = ColumnType.write(row);
        return "{\"table\":\"" + table.tableName() + "\",\"crc32c\":\"" + crc(rowText) + "\",\"row\":" + rowText + "}";
    }

    /** Parses and checks a line: its shape, the table, the checksum and every column's presence and type. */
    static MemoryLine parse(Path file, long line, String text) {
        String tableName = null;
        String crc = null;
        String rowText = null;
        JsonNode row = null;
        try (JsonParser parser = ColumnType.JSON_MAPPER.createParser(text)) {
            parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw bad(file, line, "not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "table" -> tableName = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "crc32c" -> crc = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "row" -> {
                        if (value != JsonToken.START_OBJECT) {
                            throw bad(file, line, "\"row\" must be an object");
                        }
                        int start = (int) parser.currentTokenLocation().getCharOffset();
                        row = parser.readValueAsTree();
                        rowText = text.substring(start, (int) parser.currentLocation().getCharOffset());
                    }
                    default -> throw bad(file, line, "unknown field \"" + field + "\"");
                }
            }
            if (parser.nextToken() != null) {
                throw bad(file, line, "text after the record");
            }
        } catch (IOException e) {
            throw bad(file, line, "not a valid memory record (" + JsonLinesFile.firstLine(e) + ")");
        }
        if (tableName == null || crc == null || row == null) {
            throw bad(file, line, "table, crc32c and row are required");
        }
        String name = tableName;
        MemoryTable table = MemoryTable.named(name).orElseThrow(() -> bad(file, line, "unknown table \"" + name + "\""));
        if (!crc(rowText).equals(crc)) {
            throw bad(file, line, table.tableName() + " row does not match its crc32c (damaged)");
        }
        checkColumns(file, line, table, (ObjectNode) row);
        return new MemoryLine(table, (ObjectNode) row);
    }

    private static void checkColumns(Path file, long line, MemoryTable table, ObjectNode row) {
        for (MemoryTable.Column column : table.columns()) {
            JsonNode value = row.get(column.name());
            String where = table.tableName() + "." + column.name();
            if (value == null) {
                throw bad(file, line, where + " is missing");
            }
            if (value.isNull()) {
                if (!column.nullable()) {
                    throw bad(file, line, where + " must not be null");
                }
                continue;
            }
            String problem = column.type().problem(value);
            if (problem != null) {
                throw bad(file, line, where + " " + problem);
            }
        }
        if (row.size() != table.columns().size()) {
            for (Iterator<String> names = row.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (table.columns().stream().noneMatch(c -> c.name().equals(name))) {
                    throw bad(file, line, table.tableName() + " has no column \"" + name + "\"");
                }
            }
        }
    }

    private static String crc(String rowText) {
        return JsonLinesFile.crc(rowText.getBytes(StandardCharsets.UTF_8));
    }

    private static dev.strata.service.admin.AdminFailure bad(Path file, long line, String what) {
        return JsonLinesFile.bad(file, "line " + line + ": " + what);
    }
}

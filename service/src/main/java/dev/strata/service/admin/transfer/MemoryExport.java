package dev.strata.service.admin.transfer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strata.service.admin.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the semantic-memory tables of the exported tenants to {@link Manifest#MEMORY_FILE}, table
 * by table in {@link MemoryTable} order, each streamed with a cursor. It runs on the export's
 * connection, inside its REPEATABLE READ transaction, so items and memories are one snapshot.
 */
final class MemoryExport {

    /** What was written, for the manifest. */
    record Written(Map<String, Long> rows, String sha256) {
        long total() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final Connection connection;
    /** The one tenant exported, or null for all. */
    private final String tenant;

    MemoryExport(Connection connection, String tenant) {
        this.connection = connection;
        this.tenant = tenant;
    }

    /** Rows per table in the snapshot: the progress bar's total and a check on what is written. */
    Map<MemoryTable, Long> count() throws SQLException {
        Map<MemoryTable, Long> counts = new LinkedHashMap<>();
        for (MemoryTable table : MemoryTable.values()) {
            try (PreparedStatement statement = prepare(table.countSql(tenantCondition()));
                 ResultSet rows = statement.executeQuery()) {
                rows.next();
                counts.put(table, rows.getLong(1));
            }
        }
        return counts;
    }

    Written write(Path file, Map<MemoryTable, Long> expected, Progress progress) throws IOException, SQLException {
        Map<String, Long> written = new LinkedHashMap<>();
        JsonLinesFile.Writer writer = new JsonLinesFile.Writer(file);
        try (writer) {
            for (MemoryTable table : MemoryTable.values()) {
                long before = writer.lines();
                writeTable(table, writer, progress);
                written.put(table.tableName(), writer.lines() - before);
            }
        }
        for (MemoryTable table : MemoryTable.values()) {
            // Same snapshot, same WHERE: a difference would be a bug, and a manifest that lies is worse than no export.
            if (!expected.get(table).equals(written.get(table.tableName()))) {
                throw new IllegalStateException(table.tableName() + ": counted " + expected.get(table) + " rows but wrote "
                        + written.get(table.tableName()));
            }
        }
        return new Written(written, writer.sha256());
    }

    private void writeTable(MemoryTable table, JsonLinesFile.Writer writer, Progress progress) throws IOException, SQLException {
        List<MemoryTable.Column> columns = table.columns();
        try (PreparedStatement statement = prepare(table.selectSql(tenantCondition()))) {
            statement.setFetchSize(1000);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ObjectNode row = ColumnType.JSON_MAPPER.createObjectNode();
                    for (int i = 0; i < columns.size(); i++) {
                        row.set(columns.get(i).name(), columns.get(i).type().read(rows, i + 1));
                    }
                    writer.writeLine(new MemoryLine(table, row).format());
                    progress.stepBy(1);
                }
            }
        }
    }

    private String tenantCondition() {
        return tenant == null ? "TRUE" : "tenant_id = ?";
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        if (tenant != null) {
            statement.setString(1, tenant);
        }
        return statement;
    }
}

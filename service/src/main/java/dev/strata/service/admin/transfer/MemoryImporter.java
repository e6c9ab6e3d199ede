package dev.strata.service.admin.transfer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strata.service.admin.Progress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Writes verified semantic-memory rows, one transaction per batch of one table, with every id,
 * version, timestamp and embedding as exported. Inserts skip rows that exist already, so importing
 * twice changes nothing and re-running an interrupted import completes it without duplicates. New
 * memories fire the memories trigger, which writes memory_changes: running servers' indexes follow
 * that feed and pick the restored memories up.
 */
final class MemoryImporter {

    private final DataSource dataSource;
    private final int batchSize;
    private final Progress progress;
    private final Map<MemoryTable, Long> written = new EnumMap<>(MemoryTable.class);
    private final List<ObjectNode> batch = new ArrayList<>();
    private MemoryTable batchTable;
    private long highestMessageSeq;

    MemoryImporter(DataSource dataSource, int batchSize, Progress progress) {
        this.dataSource = dataSource;
        this.batchSize = batchSize;
        this.progress = progress;
    }

    void add(MemoryLine line) throws SQLException {
        if (line.table() != batchTable) {
            flush();
            batchTable = line.table();
        }
        batch.add(line.row());
        if (line.table() == MemoryTable.MEMORY_SESSION_MESSAGES) {
            highestMessageSeq = Math.max(highestMessageSeq, line.row().get("seq").longValue());
        }
        if (batch.size() == batchSize) {
            flush();
        }
    }

    /** Writes the last batch and moves the message sequence past every imported seq. */
    void finish() throws SQLException {
        flush();
        if (highestMessageSeq > 0) {
            advanceMessageSequence();
        }
    }

    /** Rows inserted per table (the rest existed already, or were skipped with the parent they belong to). */
    long written(MemoryTable table) {
        return written.getOrDefault(table, 0L);
    }

    private void flush() throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        List<MemoryTable.Column> columns = batchTable.columns();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(batchTable.insertSql())) {
                for (ObjectNode row : batch) {
                    for (int i = 0; i < columns.size(); i++) {
                        columns.get(i).type().bind(statement, i + 1, row.get(columns.get(i).name()), connection);
                    }
                    statement.addBatch();
                }
                long inserted = 0;
                for (int count : statement.executeBatch()) {
                    inserted += Math.max(count, 0);
                }
                connection.commit();
                written.merge(batchTable, inserted, Long::sum);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
        progress.stepBy(batch.size());
        batch.clear();
    }

    /**
     * Messages were inserted with their exported seq, bypassing the BIGSERIAL; without this a later
     * message could draw a seq an imported one holds. Never moves the sequence backwards.
     */
    private void advanceMessageSequence() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT setval(s, GREATEST(coalesce(pg_sequence_last_value(s), 0), ?))
                       FROM (SELECT pg_get_serial_sequence('memory_session_messages', 'seq')::regclass AS s) AS sequence""")) {
            statement.setLong(1, highestMessageSeq);
            statement.executeQuery().close();
        }
    }
}

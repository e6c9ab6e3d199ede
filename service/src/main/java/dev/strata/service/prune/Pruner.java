package dev.strata.service.prune;

import dev.strata.service.kv.ItemKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * Finds and removes what should go from the durable tier: expired items, and per tenant the items
 * beyond its limits (older than max age; beyond max items or max bytes, oldest write first). Rows are
 * streamed with a cursor, so memory stays constant for any table size, and each deletion names the
 * version that was seen, so an item rewritten meanwhile survives. Shared by {@code admin prune} and
 * the server's {@link PruneJob}.
 */
public final class Pruner {

    /** Why an item goes. */
    public enum Reason { EXPIRED, MAX_AGE, MAX_ITEMS, MAX_BYTES }

    /** An item selected for removal. */
    public record Candidate(ItemKey key, long version, int bytes, long updatedAtMs, Reason reason) { }

    /** Totals of one run. */
    public record Report(Map<Reason, Long> items, long bytes) {
        public long total() {
            return items.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static final int BATCH = 500;
    private static final String DELETE = """
            DELETE FROM kv_items WHERE tenant_id = ? AND namespace = ? AND item_key = ? AND version = ?""";

    private final DataSource dataSource;
    private final LongSupplier clockMs;
    private java.util.function.LongConsumer scanned = n -> { };

    public Pruner(DataSource dataSource, LongSupplier clockMs) {
        this.dataSource = dataSource;
        this.clockMs = clockMs;
    }

    /** Told of every row read (for a progress bar); returns this. */
    public Pruner onScanned(java.util.function.LongConsumer rows) {
        this.scanned = rows;
        return this;
    }

    /**
     * @param tenant one tenant, or null for all
     * @param limits each tenant's limits
     * @param dryRun only report candidates
     * @param onCandidate sees every candidate (for listing)
     * @param onDeleted receives each batch of deleted keys with the versions they had (to drop cached copies)
     */
    public Report run(String tenant, Function<String, PruneProperties.Limits> limits, boolean dryRun,
                      Consumer<Candidate> onCandidate, Consumer<List<Candidate>> onDeleted) throws SQLException {
        long now = clockMs.getAsLong();
        Map<Reason, Long> counts = new EnumMap<>(Reason.class);
        long[] bytes = {0};
        try (Connection read = dataSource.getConnection(); Connection write = dataSource.getConnection()) {
            read.setAutoCommit(false);
            read.setReadOnly(true);
            List<Candidate> batch = new ArrayList<>(BATCH);
            Consumer<Candidate> sink = candidate -> {
                counts.merge(candidate.reason(), 1L, Long::sum);
                bytes[0] += candidate.bytes();
                onCandidate.accept(candidate);
                if (!dryRun) {
                    batch.add(candidate);
                    if (batch.size() == BATCH) {
                        delete(write, batch, onDeleted);
                    }
                }
            };
            expired(read, tenant, now, sink);
            for (String id : tenants(read, tenant)) {
                PruneProperties.Limits tenantLimits = limits.apply(id);
                if (tenantLimits != null && !tenantLimits.itemsUnlimited()) {
                    overLimits(read, id, tenantLimits, now, sink);
                }
            }
            if (!batch.isEmpty()) {
                delete(write, batch, onDeleted);
            }
            read.commit();
        } catch (UncheckedSql e) {
            throw e.getCause();
        }
        return new Report(counts, bytes[0]);
    }

    /**
     * How many rows a {@link #run} with these arguments would read (now): the expired items plus the
     * live items of every tenant with limits. One counting pass, so a progress bar can show an ETA.
     */
    public long rowsToScan(String tenant, Function<String, PruneProperties.Limits> limits) throws SQLException {
        long now = clockMs.getAsLong();
        String sql = "SELECT tenant_id, count(*) FILTER (WHERE expires_at IS NOT NULL AND expires_at <= ?), count(*) FILTER (WHERE expires_at IS NULL OR expires_at > ?) "
                + "FROM kv_items" + (tenant == null ? "" : " WHERE tenant_id = ?") + " GROUP BY tenant_id";
        long total = 0;
        try (Connection read = dataSource.getConnection(); PreparedStatement statement = read.prepareStatement(sql)) {
            statement.setTimestamp(1, new Timestamp(now));
            statement.setTimestamp(2, new Timestamp(now));
            if (tenant != null) {
                statement.setString(3, tenant);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    PruneProperties.Limits tenantLimits = limits.apply(rows.getString(1));
                    total += rows.getLong(2) + (tenantLimits != null && !tenantLimits.itemsUnlimited() ? rows.getLong(3) : 0);
                }
            }
        }
        return total;
    }

    private void expired(Connection read, String tenant, long now, Consumer<Candidate> sink) throws SQLException {
        String sql = "SELECT tenant_id, namespace, item_key, version, octet_length(value), updated_at FROM kv_items "
                + "WHERE expires_at IS NOT NULL AND expires_at <= ?" + (tenant == null ? "" : " AND tenant_id = ?");
        try (PreparedStatement statement = read.prepareStatement(sql)) {
            statement.setFetchSize(1000);
            statement.setTimestamp(1, new Timestamp(now));
            if (tenant != null) {
                statement.setString(2, tenant);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    scanned.accept(1);
                    sink.accept(new Candidate(new ItemKey(rows.getString(1), rows.getString(2), rows.getString(3)), rows.getLong(4),
                            rows.getInt(5), rows.getTimestamp(6).getTime(), Reason.EXPIRED));
                }
            }
        }
    }

    /** Newest first: items are kept while they fit every limit; from the first that does not, the rest go. */
    private void overLimits(Connection read, String tenant, PruneProperties.Limits limits, long now,
                                   Consumer<Candidate> sink) throws SQLException {
        String sql = """
                SELECT namespace, item_key, version, octet_length(value), updated_at FROM kv_items
                 WHERE tenant_id = ? AND (expires_at IS NULL OR expires_at > ?)
                 ORDER BY updated_at DESC, namespace DESC, item_key DESC""";
        long oldestKeptMs = limits.maxAgeSeconds() == 0 ? Long.MIN_VALUE : now - limits.maxAgeSeconds() * 1000;
        long keptItems = 0;
        long keptBytes = 0;
        Reason cutOff = null;
        try (PreparedStatement statement = read.prepareStatement(sql)) {
            statement.setFetchSize(1000);
            statement.setString(1, tenant);
            statement.setTimestamp(2, new Timestamp(now));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    scanned.accept(1);
                    int size = rows.getInt(4);
                    long updatedAt = rows.getTimestamp(5).getTime();
                    if (cutOff == null) {
                        if (updatedAt < oldestKeptMs) {
                            cutOff = Reason.MAX_AGE;
                        } else if (limits.maxItems() > 0 && keptItems + 1 > limits.maxItems()) {
                            cutOff = Reason.MAX_ITEMS;
                        } else if (limits.maxBytes() > 0 && keptBytes + size > limits.maxBytes()) {
                            cutOff = Reason.MAX_BYTES;
                        }
                    }
                    if (cutOff == null) {
                        keptItems++;
                        keptBytes += size;
                        continue;
                    }
                    // Past the cut everything is older; an item older than max age is reported as such.
                    Reason reason = updatedAt < oldestKeptMs ? Reason.MAX_AGE : cutOff;
                    sink.accept(new Candidate(new ItemKey(tenant, rows.getString(1), rows.getString(2)), rows.getLong(3), size,
                            updatedAt, reason));
                }
            }
        }
    }

    /** The tenants a run covers: the one named, or all of them in id order. */
    static List<String> tenants(Connection read, String tenant) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement statement = read.prepareStatement(tenant == null ? "SELECT id FROM tenants ORDER BY id"
                : "SELECT id FROM tenants WHERE id = ?")) {
            if (tenant != null) {
                statement.setString(1, tenant);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    private static void delete(Connection write, List<Candidate> batch, Consumer<List<Candidate>> onDeleted) {
        try (PreparedStatement statement = write.prepareStatement(DELETE)) {
            for (Candidate candidate : batch) {
                statement.setString(1, candidate.key().tenant());
                statement.setString(2, candidate.key().namespace());
                statement.setString(3, candidate.key().key());
                statement.setLong(4, candidate.version());
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException e) {
            throw new UncheckedSql(e);
        }
        onDeleted.accept(List.copyOf(batch));
        batch.clear();
    }

    /** Carries a SQL failure out of a row callback. */
    private static final class UncheckedSql extends RuntimeException {
        UncheckedSql(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}

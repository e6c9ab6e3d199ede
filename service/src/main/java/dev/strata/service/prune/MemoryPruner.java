package dev.strata.service.prune;

import dev.strata.service.memory.longterm.MemoryRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * Enforces the long-term memory limits of {@code strata.prune.*}: memories not written for longer
 * than max memory age go, and beyond max memories per user the lowest-importance memories go first
 * (ties: the oldest first). Rows are streamed with a cursor; deletions go through
 * {@link MemoryRepository#deleteUnchanged} and name the version seen, so a memory rewritten meanwhile
 * survives, and the change feed carries each deletion to every instance's search index. Shared by
 * {@code admin prune} and the server's {@link PruneJob}.
 */
public final class MemoryPruner {

    /** Why a memory goes. */
    public enum Reason { MAX_MEMORY_AGE, MAX_MEMORIES_PER_USER }

    /** A memory selected for removal. */
    public record Candidate(String tenantId, String userId, String id, long version, double importance, Instant createdAt,
                            Instant updatedAt, Reason reason) { }

    /** Totals of one run (counts of memories selected; with a dry run nothing was deleted). */
    public record Report(Map<Reason, Long> memories) {
        public long total() {
            return memories.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static final int BATCH = 500;

    private final DataSource dataSource;
    private final MemoryRepository repository;
    private final LongSupplier clockMs;
    private java.util.function.LongConsumer scanned = n -> { };

    public MemoryPruner(DataSource dataSource, MemoryRepository repository, LongSupplier clockMs) {
        this.dataSource = dataSource;
        this.repository = repository;
        this.clockMs = clockMs;
    }

    /** Told of every row read (for a progress bar); returns this. */
    public MemoryPruner onScanned(java.util.function.LongConsumer rows) {
        this.scanned = rows;
        return this;
    }

    /**
     * @param tenant one tenant, or null for all
     * @param limits each tenant's limits (only the memory limits are used)
     * @param dryRun only report candidates
     * @param onCandidate sees every candidate (for listing)
     * @param onDeleted receives the ids of each deleted batch (to update a local index at once)
     */
    public Report run(String tenant, Function<String, PruneProperties.Limits> limits, boolean dryRun, Consumer<Candidate> onCandidate,
                      Consumer<List<String>> onDeleted) throws SQLException {
        long now = clockMs.getAsLong();
        Map<Reason, Long> counts = new EnumMap<>(Reason.class);
        try (Connection read = dataSource.getConnection()) {
            read.setAutoCommit(false);
            read.setReadOnly(true);
            List<MemoryRepository.Seen> batch = new ArrayList<>(BATCH);
            Consumer<Candidate> sink = candidate -> {
                counts.merge(candidate.reason(), 1L, Long::sum);
                onCandidate.accept(candidate);
                if (!dryRun) {
                    batch.add(new MemoryRepository.Seen(candidate.tenantId(), candidate.id(), candidate.version()));
                    if (batch.size() == BATCH) {
                        flush(batch, onDeleted);
                    }
                }
            };
            for (String id : Pruner.tenants(read, tenant)) {
                PruneProperties.Limits tenantLimits = limits.apply(id);
                if (tenantLimits != null && !tenantLimits.memoriesUnlimited()) {
                    overLimits(read, id, tenantLimits, now, sink);
                }
            }
            flush(batch, onDeleted);
            read.commit();
        }
        return new Report(counts);
    }

    private void flush(List<MemoryRepository.Seen> batch, Consumer<List<String>> onDeleted) {
        if (batch.isEmpty()) {
            return;
        }
        List<String> deleted = repository.deleteUnchanged(List.copyOf(batch));
        batch.clear();
        if (!deleted.isEmpty()) {
            onDeleted.accept(deleted);
        }
    }

    /**
     * The memories over a tenant's limits: each memory is ranked within its user's memories that are
     * young enough, most important (then newest) first; those older than max age or ranked beyond max
     * per user go. Parameters: cutoff, cutoff, tenant, max per user.
     */
    private static final String OVER_LIMITS = """
            SELECT user_id, id, version, importance, created_at, updated_at, aged, rank FROM (
              SELECT user_id, id, version, importance, created_at, updated_at, updated_at < ? AS aged,
                     row_number() OVER (PARTITION BY user_id, updated_at < ?
                                        ORDER BY importance DESC, created_at DESC, id DESC) AS rank
                FROM memories WHERE tenant_id = ?) ranked
             WHERE aged OR rank > ?""";

    /**
     * How many memories a {@link #run} with these arguments would list (now), so a progress bar can
     * show an ETA. Costs one more ranking pass per limited tenant.
     */
    public long candidatesToScan(String tenant, Function<String, PruneProperties.Limits> limits) throws SQLException {
        long now = clockMs.getAsLong();
        long total = 0;
        try (Connection read = dataSource.getConnection()) {
            for (String id : Pruner.tenants(read, tenant)) {
                PruneProperties.Limits tenantLimits = limits.apply(id);
                if (tenantLimits != null && !tenantLimits.memoriesUnlimited()) {
                    try (PreparedStatement statement = read.prepareStatement("SELECT count(*) FROM (" + OVER_LIMITS + ") candidates")) {
                        bindOverLimits(statement, id, tenantLimits, now);
                        try (ResultSet rows = statement.executeQuery()) {
                            rows.next();
                            total += rows.getLong(1);
                        }
                    }
                }
            }
        }
        return total;
    }

    private static void bindOverLimits(PreparedStatement statement, String tenant, PruneProperties.Limits limits, long now) throws SQLException {
        long cutoffMs = limits.maxMemoryAgeSeconds() == 0 ? 0 : now - limits.maxMemoryAgeSeconds() * 1000;
        long maxPerUser = limits.maxMemoriesPerUser() == 0 ? Long.MAX_VALUE : limits.maxMemoriesPerUser();
        statement.setTimestamp(1, new Timestamp(cutoffMs));
        statement.setTimestamp(2, new Timestamp(cutoffMs));
        statement.setString(3, tenant);
        statement.setLong(4, maxPerUser);
    }

    /** One pass per tenant over {@link #OVER_LIMITS}, listed per user, lowest importance (then oldest) first. */
    private void overLimits(Connection read, String tenant, PruneProperties.Limits limits, long now,
                                   Consumer<Candidate> sink) throws SQLException {
        String sql = OVER_LIMITS + " ORDER BY user_id, importance, created_at, id";
        try (PreparedStatement statement = read.prepareStatement(sql)) {
            statement.setFetchSize(1000);
            bindOverLimits(statement, tenant, limits, now);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    scanned.accept(1);
                    sink.accept(new Candidate(tenant, rows.getString(1), rows.getString(2), rows.getLong(3), rows.getDouble(4),
                            rows.getTimestamp(5).toInstant(), rows.getTimestamp(6).toInstant(),
                            rows.getBoolean(7) ? Reason.MAX_MEMORY_AGE : Reason.MAX_MEMORIES_PER_USER));
                }
            }
        }
    }
}

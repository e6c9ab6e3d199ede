package dev.strata.service.admin.prune;

import dev.strata.service.admin.JsonOutput;
import dev.strata.service.admin.ProgressOutput;
import dev.strata.service.admin.AdminFailure;
import dev.strata.service.admin.ContextOptions;
import dev.strata.service.admin.ExitCode;
import dev.strata.service.admin.Output;
import dev.strata.service.admin.Progress;
import dev.strata.service.admin.StoreContext;
import dev.strata.service.coherence.Invalidation;
import dev.strata.service.coherence.InvalidationBroadcast;
import dev.strata.service.kv.ItemKey;
import dev.strata.service.memory.longterm.MemoryRepository;
import dev.strata.service.prune.MemoryPruner;
import dev.strata.service.prune.PruneProperties;
import dev.strata.service.prune.Pruner;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code admin prune}: removes expired items and, per tenant, items beyond the limits of
 * {@code strata.prune.*} (or those given here for one tenant). --dry-run lists what would go and
 * changes nothing. Long-term memories over their limits are removed through the memory repository;
 * running servers drop them from search through the change feed (within strata.memory.feed-poll-ms). Removed items are tombstoned in Redis and invalidated in running servers' hot tiers
 * (PostgreSQL NOTIFY), as a client delete would be.
 */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = "Remove expired items and items beyond per-tenant limits (max items / bytes / age), oldest first, "
                + "and long-term memories beyond theirs (max per user: lowest importance first; max age).")
public class PruneCommand implements Callable<Integer> {

    @Mixin
    ContextOptions context;

    @Option(names = "--tenant", paramLabel = "id", description = "Only this tenant (default: all).")
    String tenant;

    @Option(names = "--max-items", paramLabel = "n", description = "Limit for --tenant, instead of the configured one.")
    Long maxItems;

    @Option(names = "--max-bytes", paramLabel = "n", description = "Limit for --tenant, instead of the configured one.")
    Long maxBytes;

    @Option(names = "--max-age-seconds", paramLabel = "n", description = "Limit for --tenant, instead of the configured one.")
    Long maxAgeSeconds;

    @Option(names = "--max-memories-per-user", paramLabel = "n",
            description = "Long-term memories kept per user for --tenant, instead of the configured limit; the lowest importance goes first (ties: oldest).")
    Long maxMemoriesPerUser;

    @Option(names = "--max-memory-age-seconds", paramLabel = "n",
            description = "Remove long-term memories of --tenant not written for this long, instead of the configured limit.")
    Long maxMemoryAgeSeconds;

    @Option(names = "--dry-run", description = "List what would be removed; change nothing.")
    boolean dryRun;

    @Option(names = "--max-listed", defaultValue = "50", description = "Items listed individually (default: ${DEFAULT-VALUE}).")
    int maxListed;

    @Mixin
    JsonOutput jsonOutput;

    @Mixin
    ProgressOutput progressOutput;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        boolean overrides = maxItems != null || maxBytes != null || maxAgeSeconds != null || maxMemoriesPerUser != null
                || maxMemoryAgeSeconds != null;
        if (overrides && tenant == null) {
            throw new AdminFailure(ExitCode.USAGE,
                    "--max-items, --max-bytes, --max-age-seconds, --max-memories-per-user and --max-memory-age-seconds need --tenant.");
        }
        for (Long limit : new Long[] {maxItems, maxBytes, maxAgeSeconds, maxMemoriesPerUser, maxMemoryAgeSeconds}) {
            if (limit != null && limit < 0) {
                throw new AdminFailure(ExitCode.USAGE, "Limits must not be negative (0 means unlimited).");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        try (StoreContext stores = StoreContext.open(context)) {
            PruneProperties configured = stores.bean(PruneProperties.class);
            Function<String, PruneProperties.Limits> limits = overrides
                    ? id -> new PruneProperties.Limits(orZero(maxItems), orZero(maxBytes), orZero(maxAgeSeconds),
                            orZero(maxMemoriesPerUser), orZero(maxMemoryAgeSeconds))
                    : configured::limitsFor;
            long[] listed = {0};
            String origin = InvalidationBroadcast.newOrigin();
            Pruner.Report report;
            MemoryPruner.Report memories;
            Pruner pruner = new Pruner(stores.dataSource(), System::currentTimeMillis);
            MemoryRepository repository = new MemoryRepository(stores.jdbc(),
                    new TransactionTemplate(new DataSourceTransactionManager(stores.dataSource())), Output.mapper());
            MemoryPruner memoryPruner = new MemoryPruner(stores.dataSource(), repository, System::currentTimeMillis);
            // Rows read, items and memories. Counted first only when a bar is drawn: the count is a pass of its own.
            try (Progress progress = Progress.start(dryRun ? "prune (dry run)" : "prune", -1, progressOutput.wanted() && !jsonOutput.requested())) {
                if (progress.shown()) {
                    progress.expect(pruner.rowsToScan(tenant, limits) + memoryPruner.candidatesToScan(tenant, limits));
                }
                report = pruner.onScanned(progress::stepBy).run(tenant, limits, dryRun, candidate -> {
                    if (!jsonOutput.requested() && listed[0]++ < maxListed) {
                        ItemKey key = candidate.key();
                        out.printf("%s %-9s %s/%s/%s  %d bytes, last written %s%n", dryRun ? "would remove" : "removed", candidate.reason(),
                                key.tenant(), key.namespace(), key.key(), candidate.bytes(), Instant.ofEpochMilli(candidate.updatedAtMs()));
                    }
                }, batch -> forgetCopies(stores, origin, batch));
                memories = memoryPruner.onScanned(progress::stepBy).run(tenant, limits,
                        dryRun, candidate -> {
                            if (!jsonOutput.requested() && listed[0]++ < maxListed) {
                                out.printf("%s %-21s memory %s/%s/%s  importance %.2f, created %s, last written %s%n",
                                        dryRun ? "would remove" : "removed", candidate.reason(), candidate.tenantId(), candidate.userId(),
                                        candidate.id(), candidate.importance(), candidate.createdAt(), candidate.updatedAt());
                            }
                        }, ids -> { });
            }
            if (jsonOutput.requested()) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("dryRun", dryRun);
                result.put("items", report.items());
                result.put("total", report.total());
                result.put("bytes", report.bytes());
                result.put("memories", memories.memories());
                result.put("memoriesTotal", memories.total());
                Output.json(out, result);
            } else {
                if (listed[0] > maxListed) {
                    out.printf("… and %d more%n", listed[0] - maxListed);
                }
                out.printf("%s %d item(s), %d bytes %s%n", dryRun ? "Dry run: would remove" : "Removed", report.total(), report.bytes(),
                        report.items().isEmpty() ? "" : report.items());
                out.printf("%s %d long-term memor%s %s%n", dryRun ? "Dry run: would remove" : "Removed", memories.total(),
                        memories.total() == 1 ? "y" : "ies", memories.memories().isEmpty() ? "" : memories.memories());
            }
            out.flush();
            return ExitCode.OK.code();
        }
    }

    /** Like a client delete: a tombstone in Redis and an invalidation to every running server's hot tier. */
    private static void forgetCopies(StoreContext stores, String origin, List<Pruner.Candidate> batch) {
        Map<ItemKey, Long> deletedAt = new LinkedHashMap<>();
        batch.forEach(c -> deletedAt.put(c.key(), c.version() + 1));
        stores.warm().ifPresent(warm -> warm.tombstone(deletedAt));
        List<Invalidation> invalidations = new ArrayList<>();
        deletedAt.forEach((key, version) -> invalidations.add(Invalidation.ofItem(origin, key, version)));
        try {
            InvalidationBroadcast.publish(stores.dataSource(), invalidations);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Items were removed but running servers could not be told: " + e.getMessage()
                    + ". Their hot tiers forget them within strata.hot.max-staleness-seconds.", e);
        }
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}

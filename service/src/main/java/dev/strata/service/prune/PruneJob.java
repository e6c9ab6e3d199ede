package dev.strata.service.prune;

import dev.strata.service.coherence.CoherenceService;
import dev.strata.service.memory.index.IndexSync;
import dev.strata.service.memory.longterm.MemoryRepository;
import dev.strata.service.tier.hot.HotTier;
import dev.strata.service.tier.warm.WarmTier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs {@link Pruner} on a schedule when {@code strata.prune.enabled} is true. Deleted items are
 * dropped from Redis with a tombstone and from every instance's hot tier like a client delete.
 * Long-term memories over their limits go through {@link MemoryPruner}.
 * Its meters exist only while the job is enabled, so a default scrape is unchanged.
 */
@Component
public class PruneJob {

    public static final String PRUNED_ITEMS = "strata.prune.items";
    public static final String RUNS = "strata.prune.runs";
    public static final String PRUNED_MEMORIES = "strata.prune.memories";

    private static final Logger log = LoggerFactory.getLogger(PruneJob.class);

    private final PruneProperties properties;
    private final Pruner pruner;
    private final WarmTier warm;
    private final HotTier hot;
    private final CoherenceService coherence;
    private final Map<Pruner.Reason, Counter> pruned = new EnumMap<>(Pruner.Reason.class);
    private final MemoryPruner memoryPruner;
    private final ObjectProvider<IndexSync> index;
    private final Map<MemoryPruner.Reason, Counter> prunedMemories = new EnumMap<>(MemoryPruner.Reason.class);
    private volatile MemoryPruner.Report lastMemoryReport = new MemoryPruner.Report(Map.of());
    private final Timer runs;

    public PruneJob(PruneProperties properties, DataSource dataSource, WarmTier warm, HotTier hot, CoherenceService coherence,
                    MeterRegistry registry, MemoryRepository memories, ObjectProvider<IndexSync> index) {
        this.properties = properties;
        this.pruner = new Pruner(dataSource, System::currentTimeMillis);
        this.warm = warm;
        this.hot = hot;
        this.coherence = coherence;
        this.memoryPruner = new MemoryPruner(dataSource, memories, System::currentTimeMillis);
        this.index = index;
        if (properties.enabled()) {
            for (MemoryPruner.Reason reason : MemoryPruner.Reason.values()) {
                prunedMemories.put(reason, Counter.builder(PRUNED_MEMORIES).tag("reason", reason.name().toLowerCase())
                        .description("Long-term memories removed by the prune job").register(registry));
            }
            for (Pruner.Reason reason : Pruner.Reason.values()) {
                pruned.put(reason, Counter.builder(PRUNED_ITEMS).tag("reason", reason.name().toLowerCase())
                        .description("Items removed by the prune job").register(registry));
            }
            this.runs = Timer.builder(RUNS).description("Prune job runs").register(registry);
            log.info("Prune job enabled: every {} s, default limits {}, {} tenant(s) with own limits",
                    properties.intervalSeconds(), properties.defaultLimits(), properties.tenants().size());
        } else {
            this.runs = null;
        }
    }

    @Scheduled(fixedDelayString = "${strata.prune.interval-seconds:3600}", initialDelayString = "${strata.prune.interval-seconds:3600}",
            timeUnit = java.util.concurrent.TimeUnit.SECONDS)
    public void scheduledRun() {
        if (properties.enabled()) {
            runOnce();
        }
    }

    /** The memory limits of the last run (empty before the first). */
    public MemoryPruner.Report lastMemoryReport() {
        return lastMemoryReport;
    }

    /** Memory limits; deleted memories leave this instance's index at once, the others' through the change feed. */
    private void pruneMemories() throws java.sql.SQLException {
        IndexSync sync = index.getIfAvailable();
        MemoryPruner.Report memories = memoryPruner.run(null, properties::limitsFor, false, candidate -> { }, ids -> {
            if (sync != null) {
                sync.apply(ids);
            }
        });
        lastMemoryReport = memories;
        memories.memories().forEach((reason, count) -> {
            Counter counter = prunedMemories.get(reason);
            if (counter != null) {
                counter.increment(count);
            }
        });
        if (memories.total() > 0) {
            log.info("Prune job removed {} long-term memor(ies): {}", memories.total(), memories.memories());
        }
    }

    /** One pass over all tenants; failures are logged and retried at the next interval. */
    public Pruner.Report runOnce() {
        long started = System.nanoTime();
        try {
            Pruner.Report report = pruner.run(null, properties::limitsFor, false, candidate -> { }, batch -> batch.forEach(c -> {
                warm.tombstone(c.key(), c.version() + 1);
                hot.remove(c.key());
                coherence.itemChanged(c.key(), c.version() + 1);
            }));
            report.items().forEach((reason, count) -> {
                Counter counter = pruned.get(reason);
                if (counter != null) {
                    counter.increment(count);
                }
            });
            if (report.total() > 0) {
                log.info("Prune job removed {} item(s), {} bytes: {}", report.total(), report.bytes(), report.items());
            }
            pruneMemories();
            return report;
        } catch (java.sql.SQLException | RuntimeException e) {
            log.warn("Prune job failed (will retry in {} s): {}", properties.intervalSeconds(), e.getMessage());
            return new Pruner.Report(Map.of(), 0);
        } finally {
            if (runs != null) {
                runs.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
            }
        }
    }
}

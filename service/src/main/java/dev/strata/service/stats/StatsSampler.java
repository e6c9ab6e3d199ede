package dev.strata.service.stats;

import dev.strata.service.observability.TierMetrics;
import dev.strata.service.tier.Tier;
import dev.strata.service.tier.hot.HotTier;
import dev.strata.service.tier.warm.WarmTier;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Samples the per-tier figures every {@code strata.stats.sample-interval-seconds} into a ring that
 * holds {@code strata.stats.window-seconds} of history, for {@code GET /v1/stats}. The figures are
 * this instance's own (each instance has its own hot tier and counters).
 */
@Component
public class StatsSampler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StatsSampler.class);

    private final StatsProperties properties;
    private final StatsRing ring;
    private final Map<Tier, TierCounters> counters = new EnumMap<>(Tier.class);
    private final Map<Tier, TierCounters.Reading> previous = new EnumMap<>(Tier.class);
    private final StoreSizes sizes;
    private final LongSupplier clockMs = System::currentTimeMillis;
    private final String instanceId = java.util.UUID.randomUUID().toString().substring(0, 8);
    private final java.time.Instant startedAt = java.time.Instant.now();
    private ScheduledExecutorService scheduler;

    public StatsSampler(StatsProperties properties, TierMetrics metrics, HotTier hot, WarmTier warm, DataSource dataSource) {
        this.properties = properties;
        this.ring = new StatsRing(properties.capacity());
        this.sizes = new StoreSizes(hot, warm, dataSource);
        for (Tier tier : Tier.values()) {
            TierCounters tierCounters = new TierCounters(tier, metrics);
            counters.put(tier, tierCounters);
            previous.put(tier, tierCounters.read());
        }
    }

    /** Takes one sample now; the scheduler calls it, and tests call it to avoid waiting. */
    public synchronized Sample sampleNow() {
        StoreSizes.DurableSize durable = sizes.durable();
        Map<String, TierSample> tiers = new LinkedHashMap<>();
        for (Tier tier : Tier.values()) {
            TierCounters.Reading now = counters.get(tier).read();
            Long entries = switch (tier) {
                case HOT -> sizes.hotEntries();
                case WARM -> sizes.warmEntries();
                case DURABLE -> durable == null ? null : durable.rows();
            };
            Long bytes = switch (tier) {
                case HOT -> sizes.hotBytes();
                case WARM -> null;
                case DURABLE -> durable == null ? null : durable.bytes();
            };
            tiers.put(tier.label(), TierCounters.between(previous.get(tier), now, entries, bytes));
            previous.put(tier, now);
        }
        Sample sample = new Sample(clockMs.getAsLong(), tiers);
        ring.add(sample);
        return sample;
    }

    /** The samples held, oldest first. */
    public List<Sample> history() {
        return ring.snapshot();
    }

    /** A random id for this process, so clients can tell instances apart behind a load balancer. */
    public String instanceId() {
        return instanceId;
    }

    /** When this instance began counting (the counters behind every ratio start here). */
    public java.time.Instant startedAt() {
        return startedAt;
    }

    public StatsProperties properties() {
        return properties;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("strata-stats").factory());
        long interval = properties.sampleIntervalSeconds();
        scheduler.scheduleAtFixedRate(this::sampleQuietly, interval, interval, TimeUnit.SECONDS);
    }

    private void sampleQuietly() {
        try {
            sampleNow();
        } catch (RuntimeException e) {
            // An exception would cancel the schedule; the status page would silently freeze.
            log.warn("Stats sample failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}

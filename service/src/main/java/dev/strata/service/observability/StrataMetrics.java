package dev.strata.service.observability;

/**
 * Metric names exported by the server (Micrometer names; Prometheus adds {@code _total},
 * {@code _seconds} and the {@code strata_} form). docs/METRICS.md lists them for dashboards and
 * alerts, and the monitoring module's tests check both against a real scrape.
 */
public final class StrataMetrics {

    public static final String HTTP_REQUESTS = "strata.http.server.requests";
    public static final String TIER_HITS = "strata.tier.hits";
    public static final String TIER_MISSES = "strata.tier.misses";
    public static final String TIER_OPERATION = "strata.tier.operation";
    public static final String TIER_PROMOTIONS = "strata.tier.promotions";
    public static final String TIER_EVICTIONS = "strata.tier.evictions";
    public static final String HOT_BYTES = "strata.hot.tier.bytes";
    public static final String HOT_ENTRIES = "strata.hot.tier.entries";
    public static final String HOT_CAPACITY_BYTES = "strata.hot.tier.capacity.bytes";
    public static final String WARM_AVAILABLE = "strata.warm.tier.available";
    public static final String WARM_ERRORS = "strata.warm.tier.errors";
    public static final String WARM_REATTACH = "strata.warm.tier.reattach";
    public static final String DURABLE_WRITE_FAILURES = "strata.durable.write.failures";
    public static final String GROUP_COMMIT_BATCH_SIZE = "strata.group.commit.batch.size";
    public static final String GROUP_COMMIT_DURATION = "strata.group.commit";
    public static final String GROUP_COMMIT_QUEUE_DEPTH = "strata.group.commit.queue.depth";
    public static final String GROUP_COMMIT_QUEUE_CAPACITY = "strata.group.commit.queue.capacity";
    public static final String INVALIDATIONS = "strata.coherence.invalidations";
    public static final String RATE_LIMITED = "strata.rate.limited";
    public static final String EXPIRED_PURGED = "strata.expired.items.purged";
    public static final String MEMORY_INDEX_DOCUMENTS = "strata.memory.index.documents";
    public static final String MEMORY_INDEX_SIZE = "strata.memory.index.size";
    public static final String MEMORY_INDEX_REBUILD = "strata.memory.index.rebuild";
    public static final String MEMORY_INDEX_SEGMENTS = "strata.memory.index.segments";
    public static final String PLACEMENT_HIT_RATIO = "strata.placement.hit.ratio";
    public static final String PLACEMENT_MODEL_VERSION = "strata.placement.model.version";
    public static final String PLACEMENT_TRAINING_LOSS = "strata.placement.training.loss";
    public static final String PLACEMENT_MODEL_DECIDING = "strata.placement.model.deciding";
    public static final String PLACEMENT_TRAINING_SAMPLES = "strata.placement.training.samples";

    /** Histogram buckets for latencies, from 1 µs (hot-tier reads) to 10 s. */
    public static final java.time.Duration[] LATENCY_BUCKETS = {
        java.time.Duration.ofNanos(1_000), java.time.Duration.ofNanos(5_000), java.time.Duration.ofNanos(10_000),
        java.time.Duration.ofNanos(25_000), java.time.Duration.ofNanos(50_000), java.time.Duration.ofNanos(100_000),
        java.time.Duration.ofNanos(250_000), java.time.Duration.ofNanos(500_000), java.time.Duration.ofMillis(1),
        java.time.Duration.ofNanos(2_500_000), java.time.Duration.ofMillis(5), java.time.Duration.ofMillis(10),
        java.time.Duration.ofMillis(25), java.time.Duration.ofMillis(50), java.time.Duration.ofMillis(100),
        java.time.Duration.ofMillis(250), java.time.Duration.ofMillis(500), java.time.Duration.ofSeconds(1),
        java.time.Duration.ofMillis(2500), java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(10)
    };

    public static final String TAG_TIER = "tier";
    public static final String TAG_OPERATION = "operation";

    private StrataMetrics() {
    }
}

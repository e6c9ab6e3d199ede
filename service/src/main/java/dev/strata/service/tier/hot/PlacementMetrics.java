package dev.strata.service.tier.hot;

import dev.strata.placement.live.CacheStats;
import dev.strata.service.observability.StrataMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/**
 * Gauges of a policy-driven hot tier: its own hit ratio and, for the learned policy, the model's
 * version, last training loss, whether the model (not its fallback) decides, and samples seen.
 *
 * <p>Reading the stats takes the placement lock, so one scrape reads them once: the gauges share a
 * snapshot that is at most a second old.
 */
final class PlacementMetrics {

    private static final long SNAPSHOT_MAX_AGE_NANOS = 1_000_000_000L;

    private final PolicyHotTier hotTier;
    private CacheStats snapshot;
    private long snapshotAtNanos;

    private PlacementMetrics(PolicyHotTier hotTier) {
        this.hotTier = hotTier;
    }

    static void register(PolicyHotTier hotTier, MeterRegistry registry) {
        PlacementMetrics metrics = new PlacementMetrics(hotTier);
        String policy = hotTier.policyName();
        gauge(registry, StrataMetrics.PLACEMENT_HIT_RATIO, "Hits over gets of the policy-driven hot tier",
                policy, metrics, stats -> stats.hitRatio());
        gauge(registry, StrataMetrics.PLACEMENT_MODEL_VERSION,
                "Weight snapshots the learned policy has published (0 = cold, no model yet)",
                policy, metrics, stats -> stats.modelStatus().modelVersion());
        gauge(registry, StrataMetrics.PLACEMENT_TRAINING_LOSS,
                "Mean loss of the learned policy's last training round (NaN before the first)",
                policy, metrics, stats -> stats.modelStatus().lastTrainingLoss());
        gauge(registry, StrataMetrics.PLACEMENT_MODEL_DECIDING,
                "1 while the learned model chooses victims, 0 while its W-TinyLFU fallback does",
                policy, metrics, stats -> stats.modelStatus().isModelDeciding() ? 1 : 0);
        gauge(registry, StrataMetrics.PLACEMENT_TRAINING_SAMPLES, "Labelled samples the learned policy has seen",
                policy, metrics, stats -> stats.modelStatus().trainingSamples());
    }

    private static void gauge(MeterRegistry registry, String name, String description, String policy,
                              PlacementMetrics metrics, ToDoubleFunction<CacheStats> value) {
        // Strong reference: nothing else holds the snapshot holder, and a weakly held gauge reads NaN after a GC.
        Gauge.builder(name, metrics, m -> value.applyAsDouble(m.stats())).strongReference(true)
                .description(description).tag("policy", policy).register(registry);
    }

    private synchronized CacheStats stats() {
        long now = System.nanoTime();
        if (snapshot == null || now - snapshotAtNanos > SNAPSHOT_MAX_AGE_NANOS) {
            snapshot = hotTier.stats();
            snapshotAtNanos = now;
        }
        return snapshot;
    }
}

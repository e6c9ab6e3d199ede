package dev.strata.service.stats;

import dev.strata.service.observability.StrataMetrics;
import dev.strata.service.observability.TierMetrics;
import dev.strata.service.tier.Tier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Reads one tier's cumulative read counters from the meters {@link TierMetrics} registered, and
 * turns two readings into an interval's reads, hit ratio and mean get latency. Reading the existing
 * meters keeps the request path untouched: the status page costs nothing per request.
 */
final class TierCounters {

    /** Cumulative values at one instant. */
    record Reading(double hits, double misses, long timedGets, double timedGetMs) {
        static final Reading ZERO = new Reading(0, 0, 0, 0);
    }

    private final Counter hits;
    private final Counter misses;
    private final Timer gets;

    TierCounters(Tier tier, TierMetrics metrics) {
        MeterRegistry registry = metrics.registry();
        String label = tier.label();
        this.hits = registry.get(StrataMetrics.TIER_HITS).tag(StrataMetrics.TAG_TIER, label).counter();
        this.misses = registry.get(StrataMetrics.TIER_MISSES).tag(StrataMetrics.TAG_TIER, label).counter();
        this.gets = registry.get(StrataMetrics.TIER_OPERATION).tag(StrataMetrics.TAG_TIER, label)
                .tag(StrataMetrics.TAG_OPERATION, "get").timer();
    }

    Reading read() {
        return new Reading(hits.count(), misses.count(), gets.count(), gets.totalTime(TimeUnit.MILLISECONDS));
    }

    /** The interval between two readings, with the sizes measured at its end. */
    static TierSample between(Reading before, Reading after, Long entries, Long bytes) {
        long hitDelta = Math.max(0, Math.round(after.hits() - before.hits()));
        long missDelta = Math.max(0, Math.round(after.misses() - before.misses()));
        long reads = hitDelta + missDelta;
        long timed = after.timedGets() - before.timedGets();
        Double ratio = reads == 0 ? null : (double) hitDelta / reads;
        Double meanMs = timed <= 0 ? null : (after.timedGetMs() - before.timedGetMs()) / timed;
        return new TierSample(reads, ratio, meanMs, entries, bytes);
    }
}

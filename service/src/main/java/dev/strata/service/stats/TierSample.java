package dev.strata.service.stats;

/**
 * One tier over one sampling interval. Ratios and latencies are null when the tier saw no reads in
 * the interval (a chart must show a gap, not a fake 0 %); sizes are null when they cannot be read
 * (no Redis, or the store did not answer).
 *
 * @param reads       reads that reached this tier in the interval (hits + misses)
 * @param hitRatio    hits / reads, 0..1
 * @param meanGetMs   mean latency of the timed gets in the interval (hot-tier gets are sampled 1 in 16)
 * @param entries     items held at the end of the interval (Redis: all keys of the database; PostgreSQL: planner estimate)
 * @param bytes       bytes held (hot: weighted bytes; PostgreSQL: size of the items table with indexes and TOAST)
 */
public record TierSample(long reads, Double hitRatio, Double meanGetMs, Long entries, Long bytes) {

    public TierSample {
        if (reads < 0) {
            throw new IllegalArgumentException("reads must not be negative: " + reads);
        }
        if (hitRatio != null && (hitRatio < 0 || hitRatio > 1)) {
            throw new IllegalArgumentException("hitRatio must be within 0..1: " + hitRatio);
        }
    }
}

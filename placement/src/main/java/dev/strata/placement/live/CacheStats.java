package dev.strata.placement.live;

import dev.strata.placement.ModelStatus;

/**
 * A point-in-time view of a {@link PolicyDrivenCache} for metrics.
 *
 * @param policy      the registry name of the driving policy
 * @param hits        gets that found a value
 * @param misses      gets that did not
 * @param evictions   entries removed by the policy (evicted or rejected), not by callers
 * @param modelStatus the learned policy's model version, last training loss and mode
 */
public record CacheStats(String policy, long hits, long misses, long evictions, ModelStatus modelStatus) {

  /** Hits over gets; 0 before the first get. */
  public double hitRatio() {
    long requests = hits + misses;
    return requests == 0 ? 0 : (double) hits / requests;
  }
}

package dev.strata.placement.learned;

import dev.strata.placement.AccessEvent;
import dev.strata.placement.EvictionSink;
import dev.strata.placement.PlacementPolicy;
import dev.strata.placement.policy.tinylfu.CaffeinePolicy;

/**
 * Decides whether the model may choose victims, by racing two shadow caches on the same spatially
 * sampled keys (keys whose hash falls in 1/{@code modulus} of the space, with 1/{@code modulus} of the
 * budget — the SHARDS idea): one run by W-TinyLFU (the fallback's estimate) and one run by the current
 * model. Both shadows see identical requests, so their hit ratios compare fairly even while the model is
 * not deciding; the real cache follows the model only while its shadow keeps up with the fallback's.
 * Racing avoids trusting a freshly trained model blindly: early models that learned "recent means
 * reused soon" collapse to LRU on loops, and the race catches that before the real cache pays for it.
 */
final class FallbackGuard {
  static final int EVALUATION_INTERVAL = 4096;
  /**
   * Lead in hit ratio the model's shadow needs over the fallback's before the model decides: every
   * hand-over costs hits while the resident set adapts, so a tie is not worth switching for.
   */
  static final double REQUIRED_LEAD = 0.002;

  private final CaffeinePolicy fallbackShadow;
  private final PlacementPolicy modelShadow;
  private final int modulus;
  private long sampledRequests;
  private long fallbackHits;
  private long modelHits;
  private double fallbackRatio = Double.NaN;
  private double modelRatio = Double.NaN;
  private boolean isModelTrusted;
  private long nextEvaluation = EVALUATION_INTERVAL;

  /** @param shadowFactory builds the model-driven shadow for the given (scaled) budget */
  FallbackGuard(long maximumWeight, long expectedEntries, java.util.function.LongFunction<PlacementPolicy> shadowFactory) {
    // Keep at least ~256 sampled entries so the small shadows still behave like the real cache, and
    // sample at most 1/64 of big caches: the shadows then cost little on the request path.
    this.modulus = (int) Math.clamp(expectedEntries / 256, 1, 64);
    long shadowBudget = Math.max(1, maximumWeight / modulus);
    this.fallbackShadow = new CaffeinePolicy(shadowBudget);
    this.modelShadow = shadowFactory.apply(shadowBudget);
  }

  /** Records one request in both shadows if its key is sampled. */
  void record(AccessEvent event) {
    if (modulus > 1 && Math.floorMod(mix(event.key()), modulus) != 0) {
      return;
    }
    sampledRequests++;
    if (fallbackShadow.record(event, EvictionSink.IGNORE)) {
      fallbackHits++;
    }
    if (modelShadow.record(event, EvictionSink.IGNORE)) {
      modelHits++;
    }
  }

  /** Whether the model should decide at {@code now}; re-evaluated once per interval. */
  boolean isModelTrusted(long now) {
    if (now < nextEvaluation) {
      return isModelTrusted;
    }
    nextEvaluation = now + EVALUATION_INTERVAL;
    if (sampledRequests > 0) {
      modelRatio = smooth(modelRatio, (double) modelHits / sampledRequests);
      fallbackRatio = smooth(fallbackRatio, (double) fallbackHits / sampledRequests);
    }
    sampledRequests = 0;
    modelHits = 0;
    fallbackHits = 0;
    isModelTrusted = modelShadow.modelStatus().isModelDeciding() && modelRatio >= fallbackRatio + REQUIRED_LEAD;
    return isModelTrusted;
  }

  double fallbackHitRatio() {
    return fallbackRatio;
  }

  double modelHitRatio() {
    return modelRatio;
  }

  void checkInvariants() {
    fallbackShadow.checkInvariants();
    modelShadow.checkInvariants();
  }

  private static double smooth(double previous, double observed) {
    return Double.isNaN(previous) ? observed : 0.5 * previous + 0.5 * observed;
  }

  private static long mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return h ^ (h >>> 32);
  }
}

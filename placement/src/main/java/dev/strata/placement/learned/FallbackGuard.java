package dev.strata.placement.learned;

import dev.strata.placement.AccessEvent;
import dev.strata.placement.EvictionSink;
import dev.strata.placement.policy.tinylfu.WindowTinyLfuPolicy;

/**
 * Decides whether the model may choose victims. A spatially sampled shadow W-TinyLFU (keys whose hash
 * falls in 1/{@code modulus} of the space, with 1/{@code modulus} of the budget — the SHARDS idea)
 * estimates what the fallback would achieve; the learned policy's own hits on the same sampled keys are
 * compared with it once per evaluation interval. Falling behind hands control to the fallback; the
 * model gets another chance after a back-off that doubles on every failed attempt.
 */
final class FallbackGuard {
  static final int EVALUATION_INTERVAL = 8192;
  /** Tolerated shortfall of the model vs the shadow, in hit ratio, before falling back. */
  static final double TOLERANCE = 0.005;
  private static final int MAX_BACKOFF_INTERVALS = 64;

  private final WindowTinyLfuPolicy shadow;
  private final int modulus;
  private long sampledRequests;
  private long shadowHits;
  private long ownHits;
  private double shadowRatio = Double.NaN;
  private double ownRatio = Double.NaN;
  private boolean isModelTrusted = true;
  private long retryAt;
  private int backoffIntervals = 1;
  private long nextEvaluation = EVALUATION_INTERVAL;

  FallbackGuard(long maximumWeight, long expectedEntries) {
    // Keep at least ~512 sampled entries so the small shadow still behaves like the real cache.
    this.modulus = (int) Math.clamp(expectedEntries / 512, 1, 64);
    this.shadow = new WindowTinyLfuPolicy(Math.max(1, maximumWeight / modulus));
  }

  /** Records one request and whether the learned policy hit it. */
  void record(AccessEvent event, boolean isOwnHit) {
    if (modulus > 1 && Math.floorMod(mix(event.key()), modulus) != 0) {
      return;
    }
    sampledRequests++;
    if (isOwnHit) {
      ownHits++;
    }
    if (shadow.record(event, EvictionSink.IGNORE)) {
      shadowHits++;
    }
  }

  /** Whether the model should decide at {@code now}; re-evaluates once per interval. */
  boolean isModelTrusted(long now, boolean isModelDeciding) {
    if (now < nextEvaluation) {
      return isModelTrusted;
    }
    nextEvaluation = now + EVALUATION_INTERVAL;
    if (sampledRequests > 0) {
      ownRatio = smooth(ownRatio, (double) ownHits / sampledRequests);
      shadowRatio = smooth(shadowRatio, (double) shadowHits / sampledRequests);
    }
    sampledRequests = 0;
    ownHits = 0;
    shadowHits = 0;
    if (isModelDeciding && ownRatio < shadowRatio - TOLERANCE) {
      isModelTrusted = false;
      retryAt = now + (long) backoffIntervals * EVALUATION_INTERVAL;
      backoffIntervals = Math.min(backoffIntervals * 2, MAX_BACKOFF_INTERVALS);
    } else if (isModelDeciding) {
      backoffIntervals = Math.max(1, backoffIntervals / 2);
    } else if (!isModelTrusted && now >= retryAt) {
      isModelTrusted = true;
      // Judge the retry on its own results, not on the fallback's.
      ownRatio = Double.NaN;
      shadowRatio = Double.NaN;
    }
    return isModelTrusted;
  }

  double shadowHitRatio() {
    return shadowRatio;
  }

  double ownHitRatio() {
    return ownRatio;
  }

  private static double smooth(double previous, double observed) {
    return Double.isNaN(previous) ? observed : 0.5 * previous + 0.5 * observed;
  }

  private static long mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return h ^ (h >>> 32);
  }
}

package dev.strata.placement.learned;

/**
 * Turns an {@link ItemHistory} into the model's input vector. Deterministic and allocation-free.
 *
 * <p>All features are log-scaled and divided by the log of the label horizon, so they sit roughly in
 * [0, 1] whatever the trace — that keeps the network's weights bounded and lets a checkpoint trained on
 * one cache size serve another. The recency feature is the only one that changes between accesses, so
 * everything else is computed once per access ({@link #refreshStatic}) and eviction costs one log.
 */
final class FeatureExtractor {
  static final int FEATURES = 12;
  /** Decay half-lives of the frequency counters, in requests (short, medium, long memory). */
  static final double[] HALF_LIVES = {64, 1024, 16384};

  static final int RECENCY = 0;
  private static final int FIRST_DELTA = 1;
  private static final int MEAN_GAP = 4;
  private static final int GAP_VARIATION = 5;
  private static final int FIRST_DECAYED_COUNT = 6;
  private static final int ACCESS_COUNT = 9;
  private static final int WEIGHT = 10;
  private static final int KEY_GROUP_POPULARITY = 11;

  private final float inverseLogHorizon;
  private final long horizon;

  /** @param horizon the label horizon in requests; gaps beyond it are "not reused" */
  FeatureExtractor(long horizon) {
    this.horizon = horizon;
    this.inverseLogHorizon = (float) (1.0 / Math.log1p(horizon));
  }

  /** Recomputes the access-time features of {@code item}; call right after {@code recordAccess}. */
  void refreshStatic(ItemHistory item, float keyGroupPopularity) {
    float[] out = item.staticFeatures;
    double sum = 0;
    double sumSquares = 0;
    int known = 0;
    for (int i = 0; i < ItemHistory.DELTAS; i++) {
      long gap = item.deltas[i];
      out[FIRST_DELTA + i] = gap == 0 ? 1f : scaled(gap);
      if (gap > 0) {
        double logGap = logOnePlus(gap);
        sum += logGap;
        sumSquares += logGap * logGap;
        known++;
      }
    }
    double mean = known == 0 ? 0 : sum / known;
    out[MEAN_GAP] = known == 0 ? 1f : (float) (mean * inverseLogHorizon);
    out[GAP_VARIATION] = known < 2 ? 0f
        : (float) (Math.sqrt(Math.max(0, sumSquares / known - mean * mean)) * inverseLogHorizon);
    for (int i = 0; i < HALF_LIVES.length; i++) {
      out[FIRST_DECAYED_COUNT + i] =
          Math.min(1f, (float) (logOnePlus(item.decayedCounts[i]) / Math.log1p(2 * HALF_LIVES[i])));
    }
    out[ACCESS_COUNT] = scaled(item.accessCount);
    out[WEIGHT] = (float) (logOnePlus(item.weight) / Math.log1p(1 << 30));
    out[KEY_GROUP_POPULARITY] = keyGroupPopularity;
  }

  /** Writes the full vector for {@code item} as of {@code now} into {@code out}. */
  void extract(ItemHistory item, long now, float[] out) {
    System.arraycopy(item.staticFeatures, 0, out, 0, FEATURES);
    out[RECENCY] = item.lastAccessTime < 0 ? 1f : scaled(now - item.lastAccessTime);
  }

  /** Label for a sample re-requested {@code gap} requests later; 1 means "beyond the horizon". */
  float label(long gap) {
    return gap >= horizon ? 1f : scaled(gap);
  }

  /** Converts a model output back into an expected gap in requests. */
  double gapOf(float prediction) {
    return Math.expm1(prediction / inverseLogHorizon);
  }

  long horizon() {
    return horizon;
  }

  private float scaled(long value) {
    return Math.min(1f, (float) (logOnePlus(value) * inverseLogHorizon));
  }

  /**
   * log(1 + x) for x ≥ 0. {@code Math.log1p} is not a JIT intrinsic (it runs StrictMath's fdlibm port)
   * and showed up in the JMH stack profile of the request path; for x ≥ 0 and float output,
   * {@code Math.log(1 + x)} (intrinsic) is exact enough.
   */
  private static double logOnePlus(double x) {
    return Math.log(1 + x);
  }
}

package dev.strata.placement.policy.tinylfu;

/**
 * Hill climbing on the admission window's size, as Caffeine does: every sample period compare the hit
 * ratio with the previous period's; keep moving the window in the same direction while it helps,
 * reverse when it hurts, with a step that decays (and restarts after a large change in workload).
 * Recency-biased workloads (OLTP, web) grow the window towards LRU; frequency-biased ones shrink it.
 *
 * <p>Einziger, Eytan, Friedman, Manes: "Adaptive Software Cache Management", Middleware 2018.
 */
final class WindowClimber {
  private static final double START_STEP = 0.0625;
  private static final double STEP_DECAY = 0.98;
  private static final double RESTART_THRESHOLD = 0.05;
  private static final double MAX_WINDOW_SHARE = 0.8;

  private final long maximumWeight;
  private final long samplePeriod;
  private long hits;
  private long requests;
  private double previousHitRatio = Double.NaN;
  private double step;

  WindowClimber(long maximumWeight, long expectedEntries) {
    this.maximumWeight = maximumWeight;
    this.samplePeriod = Math.max(1_000, 10 * expectedEntries);
    this.step = START_STEP * maximumWeight;
  }

  /**
   * Records one request; at the end of a sample period returns the new window maximum, otherwise
   * {@code currentWindow} unchanged.
   */
  long record(boolean isHit, long currentWindow) {
    requests++;
    hits += isHit ? 1 : 0;
    if (requests < samplePeriod) {
      return currentWindow;
    }
    double hitRatio = (double) hits / requests;
    hits = 0;
    requests = 0;
    if (Double.isNaN(previousHitRatio)) {
      previousHitRatio = hitRatio;
      return currentWindow;
    }
    double amount = hitRatio >= previousHitRatio ? step : -step;
    step = Math.abs(hitRatio - previousHitRatio) >= RESTART_THRESHOLD
        ? Math.copySign(START_STEP * maximumWeight, amount)
        : STEP_DECAY * amount;
    previousHitRatio = hitRatio;
    long next = Math.round(currentWindow + amount);
    return Math.clamp(next, 1, Math.max(1, (long) (MAX_WINDOW_SHARE * maximumWeight)));
  }
}

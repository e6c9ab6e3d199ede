package dev.strata.placement.sim;

import dev.strata.placement.ModelStatus;

/**
 * One policy replayed over one trace at one budget.
 *
 * @param sizeFraction       the budget as a fraction of the trace's unique keys (or unique bytes)
 * @param capacity           the budget in entries or bytes
 * @param isByteBudget       whether {@code capacity} counts bytes
 * @param modelDecidingShare fraction of requests during which a learned model (not its fallback) decided
 */
public record SimulationResult(String trace, String policy, double sizeFraction, long capacity,
                               boolean isByteBudget, long requests, long hits, long requestedBytes,
                               long hitBytes, double expectedLatencyMicros, long elapsedNanos,
                               ModelStatus modelStatus, double modelDecidingShare) {

  public double hitRatio() {
    return requests == 0 ? 0 : (double) hits / requests;
  }

  public double byteHitRatio() {
    return requestedBytes == 0 ? 0 : (double) hitBytes / requestedBytes;
  }

  public double nanosPerRequest() {
    return requests == 0 ? 0 : (double) elapsedNanos / requests;
  }

  /** Short label for tables and chart series, e.g. "1%" or "5% bytes". */
  public String sizeLabel() {
    String percent = String.format(java.util.Locale.ROOT, "%.0f%%", sizeFraction * 100);
    return isByteBudget ? percent + " bytes" : percent;
  }
}

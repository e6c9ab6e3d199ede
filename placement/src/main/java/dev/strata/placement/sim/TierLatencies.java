package dev.strata.placement.sim;

/**
 * Per-request read latency of the hot tier (a hit) and of what a miss costs (a read from the warm tier
 * below it), used to turn hit ratios into an expected read latency.
 *
 * @param hitMicros  read latency when the item is in the hot tier
 * @param missMicros read latency when it has to come from the next tier
 */
public record TierLatencies(double hitMicros, double missMicros) {

  public TierLatencies {
    if (!(hitMicros >= 0) || !(missMicros >= hitMicros)) {
      throw new IllegalArgumentException("need 0 <= hit latency <= miss latency but got hit=" + hitMicros
          + "us miss=" + missMicros + "us");
    }
  }

  public double expectedMicros(double hitRatio) {
    return hitRatio * hitMicros + (1 - hitRatio) * missMicros;
  }
}

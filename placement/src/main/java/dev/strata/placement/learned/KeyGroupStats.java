package dev.strata.placement.learned;

/**
 * Decayed request counts per key group (e.g. key prefix), hashed into a fixed table so the state stays
 * bounded however many groups exist. Feeds the "how hot is this item's neighbourhood" feature.
 */
final class KeyGroupStats {
  private static final int SLOTS = 4096;
  private final float[] counts = new float[SLOTS];
  private final long[] lastTouched = new long[SLOTS];
  private final double decayRate;
  private final float total;

  /** @param halfLife requests after which an old request counts half */
  KeyGroupStats(double halfLife) {
    this.decayRate = Math.log(2) / halfLife;
    // A stream of one request per time step converges to this decayed total.
    this.total = (float) (1.0 / (1.0 - Math.exp(-decayRate)));
  }

  /** Records one request of the group at {@code now} and returns its share of recent traffic in [0, 1]. */
  float recordAndShare(int keyGroup, long now) {
    int slot = Math.floorMod(keyGroup * 0x9E3779B1, SLOTS);
    counts[slot] = (float) (counts[slot] * Math.exp(-decayRate * (now - lastTouched[slot]))) + 1f;
    lastTouched[slot] = now;
    return Math.min(1f, counts[slot] / total);
  }
}

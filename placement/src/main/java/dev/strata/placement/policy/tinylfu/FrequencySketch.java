package dev.strata.placement.policy.tinylfu;

/**
 * Count-min sketch of 4-bit saturating counters with periodic halving ("reset"), the popularity
 * estimator of TinyLFU. Four rows, each indexed by an independent mix of the key; the estimate is the
 * minimum. Counters are stored one per byte: simpler than Caffeine's packing and still a few kB for the
 * sizes we simulate.
 *
 * <p>Einziger, Friedman, Manes: "TinyLFU: A Highly Efficient Cache Admission Policy", ACM ToS 2017.
 */
public final class FrequencySketch {
  private static final int ROWS = 4;
  private static final int MAX_COUNT = 15;
  private static final long[] SEEDS = {
    0x9E3779B97F4A7C15L, 0xC2B2AE3D27D4EB4FL, 0x165667B19E3779F9L, 0xD6E8FEB86659FD93L};

  private byte[] counters;
  private int mask;
  private int additions;
  private int sampleSize;

  public FrequencySketch(long expectedEntries) {
    ensureCapacity(expectedEntries);
  }

  /** Grows the sketch (discarding counts, as Caffeine does) when more entries are resident. */
  public void ensureCapacity(long expectedEntries) {
    int width = Integer.highestOneBit((int) Math.clamp(expectedEntries, 16, 1 << 24) - 1) << 1;
    if (counters != null && width <= mask + 1) {
      return;
    }
    counters = new byte[width * ROWS];
    mask = width - 1;
    sampleSize = 10 * width;
    additions = 0;
  }

  public int frequency(long key) {
    int min = MAX_COUNT;
    for (int row = 0; row < ROWS; row++) {
      min = Math.min(min, counters[slot(key, row)]);
    }
    return min;
  }

  public void increment(long key) {
    boolean isAdded = false;
    for (int row = 0; row < ROWS; row++) {
      int slot = slot(key, row);
      if (counters[slot] < MAX_COUNT) {
        counters[slot]++;
        isAdded = true;
      }
    }
    if (isAdded && ++additions >= sampleSize) {
      halve();
    }
  }

  /** Ages every counter so that old popularity fades ("reset" in the paper). */
  private void halve() {
    for (int i = 0; i < counters.length; i++) {
      counters[i] = (byte) (counters[i] >>> 1);
    }
    additions /= 2;
  }

  private int slot(long key, int row) {
    long hash = (key + SEEDS[row]) * SEEDS[(row + 1) & 3];
    hash ^= hash >>> 29;
    return row * (mask + 1) + (int) (hash & mask);
  }
}

package dev.strata.placement.sim;

import dev.strata.placement.sim.trace.Trace;
import java.util.SplittableRandom;

/**
 * Fixed-seed synthetic workloads for tests, the stability run and the forgetting check: a Zipf-skewed
 * popularity, a loop (LRU's worst case), and mixes of them over disjoint key ranges.
 */
public final class SyntheticTraces {

  private SyntheticTraces() {
  }

  /** Zipf(skew) over {@code keys} keys starting at {@code firstKey}, by inverse-CDF sampling. */
  public static long[] zipf(int requests, int keys, double skew, long firstKey, long seed) {
    double[] cdf = new double[keys];
    double sum = 0;
    for (int i = 0; i < keys; i++) {
      sum += 1.0 / Math.pow(i + 1, skew);
      cdf[i] = sum;
    }
    SplittableRandom random = new SplittableRandom(seed);
    // Scatter ranks over the key range so popularity is not correlated with key order.
    long[] rankToKey = new long[keys];
    for (int i = 0; i < keys; i++) {
      rankToKey[i] = firstKey + i;
    }
    for (int i = keys - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      long swap = rankToKey[i];
      rankToKey[i] = rankToKey[j];
      rankToKey[j] = swap;
    }
    long[] out = new long[requests];
    for (int r = 0; r < requests; r++) {
      double u = random.nextDouble() * sum;
      int index = java.util.Arrays.binarySearch(cdf, u);
      out[r] = rankToKey[index >= 0 ? index : Math.min(keys - 1, -index - 1)];
    }
    return out;
  }

  /** Cycles through {@code keys} keys in order. */
  public static long[] loop(int requests, int keys, long firstKey) {
    long[] out = new long[requests];
    for (int r = 0; r < requests; r++) {
      out[r] = firstKey + r % keys;
    }
    return out;
  }

  /** Zipf requests where every {@code scanEvery}-th request is a one-off key (a scan polluting LRU). */
  public static long[] zipfWithScan(int requests, int keys, double skew, int scanEvery, long seed) {
    long[] out = zipf(requests, keys, skew, 0, seed);
    for (int r = scanEvery - 1; r < requests; r += scanEvery) {
      out[r] = 1_000_000_000L + r;
    }
    return out;
  }

  /** Random sizes in [1, maxSize] fixed per key, for byte-budget tests. */
  public static int[] sizesPerKey(long[] keys, int maxSize, long seed) {
    int[] sizes = new int[keys.length];
    for (int i = 0; i < keys.length; i++) {
      sizes[i] = 1 + (int) Math.floorMod(new SplittableRandom(seed ^ keys[i]).nextLong(), maxSize);
    }
    return sizes;
  }

  public static Trace trace(String name, long[] keys) {
    return new Trace(name, keys, null);
  }

  public static long[] concat(long[]... parts) {
    int length = 0;
    for (long[] part : parts) {
      length += part.length;
    }
    long[] out = new long[length];
    int offset = 0;
    for (long[] part : parts) {
      System.arraycopy(part, 0, out, offset, part.length);
      offset += part.length;
    }
    return out;
  }
}

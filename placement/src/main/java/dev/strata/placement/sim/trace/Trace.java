package dev.strata.placement.sim.trace;

import dev.strata.placement.AccessEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * A whole trace in memory: keys, optional sizes, and each request's next-request time computed in one
 * backward pass (what the offline optimum needs). ~20 bytes per request, so the 0.9 M-request traces we
 * use take ~20 MB.
 */
public final class Trace {
  private final String name;
  private final long[] keys;
  private final int[] sizes;
  private final long[] nextAccessTimes;
  private final int uniqueKeys;
  private final long uniqueBytes;

  /** @param sizes per-request sizes in bytes, or null when the trace has none (every weight is 1) */
  public Trace(String name, long[] keys, int[] sizes) {
    if (sizes != null && sizes.length != keys.length) {
      throw new IllegalArgumentException("sizes and keys differ in length");
    }
    this.name = name;
    this.keys = keys;
    this.sizes = sizes;
    this.nextAccessTimes = new long[keys.length];
    Map<Long, Long> nextSeen = new HashMap<>();
    Map<Long, Integer> lastSize = new HashMap<>();
    for (int i = keys.length - 1; i >= 0; i--) {
      Long next = nextSeen.put(keys[i], (long) i);
      nextAccessTimes[i] = next == null ? AccessEvent.NEVER : next;
      if (sizes != null) {
        lastSize.putIfAbsent(keys[i], sizes[i]);
      }
    }
    this.uniqueKeys = nextSeen.size();
    this.uniqueBytes = sizes == null ? uniqueKeys
        : lastSize.values().stream().mapToLong(Integer::longValue).sum();
  }

  public String name() {
    return name;
  }

  public int requests() {
    return keys.length;
  }

  public int uniqueKeys() {
    return uniqueKeys;
  }

  /** Sum of each key's size (its first-seen size), or the key count when unsized. */
  public long uniqueBytes() {
    return uniqueBytes;
  }

  public boolean hasSizes() {
    return sizes != null;
  }

  public int meanSize() {
    return (int) Math.max(1, uniqueBytes / Math.max(1, uniqueKeys));
  }

  public int maxSize() {
    if (sizes == null) {
      return 1;
    }
    int max = 1;
    for (int size : sizes) {
      max = Math.max(max, size);
    }
    return max;
  }

  /** Size in bytes of request {@code index}; 1 when the trace has no sizes. */
  public int size(int index) {
    return sizes == null ? 1 : sizes[index];
  }

  /**
   * The request at position {@code index} as an event; {@code isWeighted} false gives every request
   * weight 1 (entry-count budgets).
   */
  public AccessEvent event(int index, boolean isWeighted) {
    long key = keys[index];
    int weight = isWeighted && sizes != null ? sizes[index] : 1;
    return new AccessEvent(key, weight, index, nextAccessTimes[index], keyGroupOf(key));
  }

  /**
   * Numeric trace keys carry locality in their high bits (block addresses, object ids issued in order),
   * so neighbouring ids form a group, the trace analogue of a key prefix.
   */
  static int keyGroupOf(long key) {
    return (int) (key >>> 10) ^ (int) (key >>> 42);
  }
}

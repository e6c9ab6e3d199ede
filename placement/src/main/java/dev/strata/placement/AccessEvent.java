package dev.strata.placement;

/**
 * One request for one item, as seen by a placement policy. Immutable and validated on construction so
 * that no policy has to defend against nonsense such as a zero weight or a future in the past.
 *
 * @param key            the item's identity (trace keys as-is; the live cache assigns ids)
 * @param weight         the item's cost in the tier's unit: 1 when counting entries, bytes otherwise
 * @param time           logical clock of this request (the request's position in the stream), ≥ 0
 * @param nextAccessTime the logical time of the next request for this key, {@link #NEVER} if none,
 *                       or {@link #UNKNOWN} online; only the offline optimum needs it
 * @param keyGroup       a coarse group of related keys (e.g. a hash of the key prefix), used as a feature
 */
public record AccessEvent(long key, int weight, long time, long nextAccessTime, int keyGroup) {

  /** Marks an online request whose future is not known. */
  public static final long UNKNOWN = -1;
  /** Marks a request after which the key is never requested again. */
  public static final long NEVER = Long.MAX_VALUE;

  public AccessEvent {
    if (weight < 1) {
      throw new IllegalArgumentException("weight must be >= 1 but was " + weight + " for key " + key);
    }
    if (time < 0) {
      throw new IllegalArgumentException("time must be >= 0 but was " + time);
    }
    if (nextAccessTime != UNKNOWN && nextAccessTime <= time) {
      throw new IllegalArgumentException(
          "nextAccessTime must be after time " + time + " but was " + nextAccessTime);
    }
  }

  /** An online request of weight 1 in group 0. */
  public static AccessEvent of(long key, long time) {
    return new AccessEvent(key, 1, time, UNKNOWN, 0);
  }

  /** An online weighted request. */
  public static AccessEvent weighted(long key, int weight, long time, int keyGroup) {
    return new AccessEvent(key, weight, time, UNKNOWN, keyGroup);
  }

  public boolean isFutureKnown() {
    return nextAccessTime != UNKNOWN;
  }
}

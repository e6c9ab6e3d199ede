package dev.strata.placement;

/** Why an item left (or never entered) the tier. */
public enum RemovalCause {
  /** The policy chose it as a victim to make room. */
  EVICTED,
  /** The admission filter refused to let it in. */
  REJECTED,
  /** Removed by the caller (delete, invalidation). */
  EXPLICIT,
  /** Its value was replaced by a newer put. */
  REPLACED,
  /** Too large to ever fit the tier. */
  OVERSIZED
}

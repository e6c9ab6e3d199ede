package dev.strata.placement;

/**
 * Decides which items stay resident in a bounded tier. Shared by the live hot tier
 * ({@code dev.strata.placement.live}) and the offline trace simulator ({@code dev.strata.placement.sim}).
 *
 * <p>A policy tracks keys and weights only, never values; the caller owns the data and removes what the
 * policy reports to the {@link EvictionSink}. Implementations are not thread-safe: callers serialise
 * access (the live cache does so under its lock).
 */
public interface PlacementPolicy extends AutoCloseable {

  /** The registry name, e.g. {@code "sieve"}. */
  String name();

  /** Whether the key is currently resident. Does not count as an access. */
  boolean contains(long key);

  /**
   * A request for a resident key. If the event carries a new weight the policy adopts it and evicts to
   * stay within {@link #maximumWeight()}; the requested key itself may be evicted if it no longer fits.
   */
  void onHit(AccessEvent event, EvictionSink evictions);

  /**
   * A request for a non-resident key. The policy either admits it (evicting victims to make room) or
   * reports it as {@link RemovalCause#REJECTED} or {@link RemovalCause#OVERSIZED}.
   *
   * @return whether the key is resident afterwards
   */
  boolean onMiss(AccessEvent event, EvictionSink evictions);

  /** Forgets a resident key (explicit delete); no-op when absent. */
  void remove(long key);

  /** Sum of the weights of resident keys. */
  long weightedSize();

  /** The budget {@link #weightedSize()} never exceeds once a call returns. */
  long maximumWeight();

  /** Number of resident keys. */
  int size();

  /** Records one request and reports whether it hit. */
  default boolean record(AccessEvent event, EvictionSink evictions) {
    if (contains(event.key())) {
      onHit(event, evictions);
      return true;
    }
    onMiss(event, evictions);
    return false;
  }

  /**
   * Whether an item found in a lower tier (warm/durable) is worth promoting into this tier. Classic
   * policies promote everything; a learned policy may refuse items it predicts will not be reused.
   */
  default boolean shouldPromote(AccessEvent event) {
    return true;
  }

  /** Up to {@code max} non-resident keys predicted to be requested soon; empty when not supported. */
  default long[] prefetchCandidates(int max) {
    return new long[0];
  }

  /** Model facts for metrics; {@link ModelStatus#NONE} for classic policies. */
  default ModelStatus modelStatus() {
    return ModelStatus.NONE;
  }

  /**
   * Verifies internal invariants (size within budget, tracked size equal to the recomputed one) and
   * throws {@link IllegalStateException} when broken. Cheap enough for tests, too slow for every request.
   */
  default void checkInvariants() {
  }

  /** Releases background resources (training threads); the policy must not be used afterwards. */
  @Override
  default void close() {
  }
}

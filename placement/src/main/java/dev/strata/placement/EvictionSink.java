package dev.strata.placement;

/** Receives the keys a policy removes while it makes room; called synchronously, in order. */
@FunctionalInterface
public interface EvictionSink {

  /** A sink for callers that only count. */
  EvictionSink IGNORE = (key, cause) -> { };

  void removed(long key, RemovalCause cause);
}

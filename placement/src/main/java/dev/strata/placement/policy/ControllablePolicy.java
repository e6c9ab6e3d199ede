package dev.strata.placement.policy;

import dev.strata.placement.AccessEvent;
import dev.strata.placement.EvictionSink;
import dev.strata.placement.PlacementPolicy;

/**
 * A policy that can also follow someone else's decisions: the learned policy keeps one mirroring its
 * resident set, lets it decide while the model is cold or behind, and otherwise tells it what was
 * evicted ({@link #remove}) and admitted ({@link #insertAdmitted}), so it can take over at any moment.
 */
public interface ControllablePolicy extends PlacementPolicy {

  /** Inserts a key the caller admitted after making room for it; no admission filter applies. */
  void insertAdmitted(AccessEvent event, EvictionSink evictions);

  /** Counts a miss the caller chose not to admit, where the policy keeps popularity statistics. */
  void recordRejected(AccessEvent event);
}

package dev.strata.placement.policy.opt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.placement.AccessEvent;
import dev.strata.placement.EvictionSink;
import dev.strata.placement.PlacementPolicy;
import dev.strata.placement.PlacementPolicyConformanceTest;
import dev.strata.placement.sim.trace.Trace;
import org.junit.jupiter.api.Test;

class BeladyPolicyTest extends PlacementPolicyConformanceTest {

  @Override
  protected PlacementPolicy newPolicy(long maximumWeight) {
    return new BeladyPolicy(maximumWeight);
  }

  @Test
  void textbookReferenceStringGivesTheKnownOptimum() {
    // 7 0 1 2 0 3 0 4 2 3 0 3 2 1 2 0 1 7 0 1 with 3 frames: demand-paging OPT has 9 faults (11 hits);
    // with bypass (never caching 4, whose next use is farthest) an exhaustive search finds 12 hits.
    long[] keys = {7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2, 1, 2, 0, 1, 7, 0, 1};
    assertThat(replayChecked(policy(3), new Trace("textbook", keys, null), false)).isEqualTo(12);
  }

  @Test
  void refusesEventsWithoutAFuture() {
    assertThatThrownBy(() -> policy(3).onMiss(AccessEvent.of(1, 0), EvictionSink.IGNORE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("simulator only");
  }
}

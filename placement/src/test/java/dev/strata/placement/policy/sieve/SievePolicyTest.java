package dev.strata.placement.policy.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.placement.AccessEvent;
import dev.strata.placement.PlacementPolicy;
import dev.strata.placement.PlacementPolicyConformanceTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SievePolicyTest extends PlacementPolicyConformanceTest {

  @Override
  protected PlacementPolicy newPolicy(long maximumWeight) {
    return new SievePolicy(maximumWeight);
  }

  @Test
  void visitedKeysSurviveTheHandAndTheFirstUnvisitedIsEvicted() {
    PlacementPolicy sieve = policy(3);
    List<Long> evicted = new ArrayList<>();
    long time = 0;
    // 1 is the oldest but was visited: the hand spares it (clearing the bit) and evicts 2.
    for (long key : new long[] {1, 2, 3, 1, 4}) {
      sieve.record(AccessEvent.of(key, time++), (k, cause) -> evicted.add(k));
    }
    assertThat(evicted).containsExactly(2L);
    // The hand continues from where it stopped: 3 is next, not the spared 1.
    sieve.record(AccessEvent.of(5, time), (k, cause) -> evicted.add(k));
    assertThat(evicted).containsExactly(2L, 3L);
  }
}

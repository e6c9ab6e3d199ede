package dev.strata.placement.learned;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.placement.AccessEvent;
import dev.strata.placement.EvictionSink;
import dev.strata.placement.PolicyConfig;
import dev.strata.placement.sim.SyntheticTraces;
import org.junit.jupiter.api.Test;

/** A small version of the A → B → A check the "forgetting" command runs at full size. */
class ForgettingTest {

  @Test
  void hitRatioOnAReturnsWithinFifteenPercentAfterB() {
    long[] a1 = SyntheticTraces.zipf(100_000, 5000, 1.0, 0, 42);
    long[] b = SyntheticTraces.loop(100_000, 375, 10_000_000L);
    long[] a2 = SyntheticTraces.zipf(100_000, 5000, 1.0, 0, 43);
    try (LearnedPolicy learned = new LearnedPolicy(PolicyConfig.forSimulation(250, 42))) {
      long[] time = {0};
      double first = replay(learned, a1, time);
      replay(learned, b, time);
      double second = replay(learned, a2, time);
      assertThat((first - second) / first).isLessThan(0.15);
    }
  }

  private static double replay(LearnedPolicy policy, long[] keys, long[] time) {
    long hits = 0;
    for (long key : keys) {
      hits += policy.record(AccessEvent.of(key, time[0]++), EvictionSink.IGNORE) ? 1 : 0;
    }
    return (double) hits / keys.length;
  }
}

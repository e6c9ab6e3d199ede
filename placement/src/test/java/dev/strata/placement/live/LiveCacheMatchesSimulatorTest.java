package dev.strata.placement.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.placement.EvictionSink;
import dev.strata.placement.PlacementPolicy;
import dev.strata.placement.PolicyConfig;
import dev.strata.placement.PolicyRegistry;
import dev.strata.placement.sim.SyntheticTraces;
import dev.strata.placement.sim.trace.Trace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real hot-tier structure replayed like the simulator replays a policy: its own hit counter must
 * equal the simulator's count. Single-threaded, every put drains the buffered hits first, so batching
 * must not change a single decision of these order-only policies.
 */
class LiveCacheMatchesSimulatorTest {

  @ParameterizedTest
  @ValueSource(strings = {"lru", "sieve", "s3fifo"})
  void liveHitCountEqualsTheSimulatedOne(String policyName) {
    long[] counts = simulatedAndLiveHits(policyName);
    assertThat(counts[1]).isEqualTo(counts[0]);
  }

  /**
   * The live cache gives keys its own ids, so the frequency sketch hashes different numbers and its
   * collisions differ: close, not equal.
   */
  @ParameterizedTest
  @ValueSource(strings = {"wtinylfu", "tinylfu"})
  void sketchBasedPoliciesStayWithinThreePercent(String policyName) {
    long[] counts = simulatedAndLiveHits(policyName);
    assertThat(counts[1]).isCloseTo(counts[0], org.assertj.core.data.Percentage.withPercentage(3));
  }

  private static long[] simulatedAndLiveHits(String policyName) {
    Trace trace = SyntheticTraces.trace("zipf", SyntheticTraces.concat(
        SyntheticTraces.zipf(20_000, 3000, 0.9, 0, 8), SyntheticTraces.loop(5_000, 400, 50_000)));
    long simulated = 0;
    try (PlacementPolicy policy = PolicyRegistry.create(policyName, PolicyConfig.forSimulation(300, 42))) {
      for (int i = 0; i < trace.requests(); i++) {
        simulated += policy.record(trace.event(i, false), EvictionSink.IGNORE) ? 1 : 0;
      }
    }
    try (PolicyDrivenCache<Long, String> cache = PolicyDrivenCache.builder().policy(policyName)
        .capacityBytes(300).meanEntryBytes(1).<Long, String>build()) {
      for (int i = 0; i < trace.requests(); i++) {
        long key = trace.event(i, false).key();
        if (cache.get(key) == null) {
          cache.put(key, "v", 1);
        }
      }
      cache.checkInvariants();
      assertThat(cache.stats().hits() + cache.stats().misses()).isEqualTo(trace.requests());
      return new long[] {simulated, cache.stats().hits()};
    }
  }
}

package dev.strata.placement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.placement.policy.opt.BeladyPolicy;
import dev.strata.placement.sim.SyntheticTraces;
import dev.strata.placement.sim.trace.Trace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every policy must honour, checked after every request on fixed-seed synthetic traces. Each
 * policy's test extends this and adds its algorithm-specific cases (as Lucene's
 * BaseMergePolicyTestCase does for merge policies).
 */
public abstract class PlacementPolicyConformanceTest {
  private final List<PlacementPolicy> created = new ArrayList<>();

  /** A fresh policy with the given budget. */
  protected abstract PlacementPolicy newPolicy(long maximumWeight);

  protected final PlacementPolicy policy(long maximumWeight) {
    PlacementPolicy policy = newPolicy(maximumWeight);
    created.add(policy);
    return policy;
  }

  @AfterEach
  void structureIsConsistentAfterEveryTest() {
    for (PlacementPolicy policy : created) {
      policy.checkInvariants();
      policy.close();
    }
  }

  /** Replays a trace checking the contract on every request; returns the hit count. */
  protected static long replayChecked(PlacementPolicy policy, Trace trace, boolean isWeighted) {
    long hits = 0;
    for (int i = 0; i < trace.requests(); i++) {
      AccessEvent event = trace.event(i, isWeighted);
      boolean wasResident = policy.contains(event.key());
      Set<Long> removed = new HashSet<>();
      boolean isHit = policy.record(event, (key, cause) -> {
        assertThat(cause).isNotEqualTo(RemovalCause.EXPLICIT);
        removed.add(key);
      });
      assertThat(isHit).as("hit iff resident before request %d", i).isEqualTo(wasResident);
      for (long key : removed) {
        assertThat(policy.contains(key)).as("removed key %d still resident", key).isFalse();
      }
      assertThat(policy.weightedSize()).isLessThanOrEqualTo(policy.maximumWeight());
      if (i % 97 == 0) {
        policy.checkInvariants();
      }
      hits += isHit ? 1 : 0;
    }
    return hits;
  }

  protected static Trace zipfTrace(int requests) {
    return SyntheticTraces.trace("zipf", SyntheticTraces.zipf(requests, 500, 0.9, 0, 7));
  }

  @Test
  void zipfTraceKeepsTheContractOnEveryRequest() {
    PlacementPolicy policy = policy(50);
    long hits = replayChecked(policy, zipfTrace(5000), false);
    assertThat(hits).isPositive();
    assertThat(policy.size()).isLessThanOrEqualTo(50);
  }

  @Test
  void byteBudgetIsNeverExceeded() {
    long[] keys = SyntheticTraces.zipf(4000, 300, 0.8, 0, 11);
    Trace trace = new Trace("sized", keys, SyntheticTraces.sizesPerKey(keys, 100, 3));
    PlacementPolicy policy = policy(2000);
    assertThat(replayChecked(policy, trace, true)).isPositive();
    assertThat(policy.weightedSize()).isLessThanOrEqualTo(2000);
  }

  @Test
  void itemLargerThanTheBudgetIsReportedOversizedAndNotCached() {
    PlacementPolicy policy = policy(10);
    List<RemovalCause> causes = new ArrayList<>();
    boolean isAdmitted = policy.onMiss(new AccessEvent(1, 11, 0, AccessEvent.NEVER - 1, 0),
        (key, cause) -> causes.add(cause));
    assertThat(isAdmitted).isFalse();
    assertThat(causes).containsExactly(RemovalCause.OVERSIZED);
    assertThat(policy.contains(1)).isFalse();
    assertThat(policy.weightedSize()).isZero();
  }

  @Test
  void removeForgetsTheKeyAndItsWeight() {
    PlacementPolicy policy = policy(100);
    for (long key = 0; key < 5; key++) {
      policy.onMiss(new AccessEvent(key, 3, key, 100 + key, 0), EvictionSink.IGNORE);
    }
    long before = policy.weightedSize();
    assertThat(policy.contains(2)).isTrue();
    policy.remove(2);
    policy.remove(999);
    assertThat(policy.contains(2)).isFalse();
    assertThat(policy.weightedSize()).isEqualTo(before - 3);
  }

  @Test
  void neverBeatsTheOfflineOptimum() {
    Trace trace = SyntheticTraces.trace("mixed", SyntheticTraces.concat(
        SyntheticTraces.zipf(3000, 400, 1.0, 0, 5), SyntheticTraces.loop(2000, 80, 10_000)));
    long optimum = replayChecked(new BeladyPolicy(40), trace, false);
    assertThat(replayChecked(policy(40), trace, false)).isLessThanOrEqualTo(optimum);
  }
}

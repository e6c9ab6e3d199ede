package dev.strata.placement.learned;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.placement.AccessEvent;
import dev.strata.placement.EvictionSink;
import dev.strata.placement.PlacementPolicy;
import dev.strata.placement.PlacementPolicyConformanceTest;
import dev.strata.placement.PolicyConfig;
import dev.strata.placement.policy.tinylfu.WindowTinyLfuPolicy;
import dev.strata.placement.sim.SyntheticTraces;
import dev.strata.placement.sim.trace.Trace;
import org.junit.jupiter.api.Test;

class LearnedPolicyTest extends PlacementPolicyConformanceTest {

  @Override
  protected PlacementPolicy newPolicy(long maximumWeight) {
    return new LearnedPolicy(PolicyConfig.forSimulation(maximumWeight, 1));
  }

  @Test
  void coldModelLeavesDecisionsToTheFallbackWithIdenticalResults() {
    Trace trace = zipfTrace(1500);
    PlacementPolicy learned = policy(40);
    long learnedHits = replayChecked(learned, trace, false);
    assertThat(learned.modelStatus().isModelDeciding()).isFalse();
    assertThat(learnedHits).isEqualTo(replayChecked(new WindowTinyLfuPolicy(40), trace, false));
  }

  @Test
  void trainsPublishesVersionsAndStaysBounded() {
    Trace trace = SyntheticTraces.trace("zipf", SyntheticTraces.zipf(40_000, 2000, 0.9, 0, 3));
    LearnedPolicy learned = (LearnedPolicy) policy(100);
    replayChecked(learned, trace, false);
    assertThat(learned.modelStatus().modelVersion()).isGreaterThan(10);
    assertThat(learned.modelStatus().trainingSamples()).isGreaterThan(4096);
    assertThat(learned.modelStatus().lastTrainingLoss()).isBetween(0.0, 1.0);
    float[] bounds = learned.stabilityBounds();
    assertThat(bounds[0]).isGreaterThanOrEqualTo(0f);
    assertThat(bounds[1]).isLessThanOrEqualTo(1f);
    assertThat(bounds[2]).isLessThan(50f);
  }

  @Test
  void loopWorkloadIsWhereTheModelBeatsRecencyAndFrequencyHeuristics() {
    // A loop 1.5x the cache: LRU and W-TinyLFU's window thrash; keeping any fixed subset hits ~2/3.
    Trace trace = SyntheticTraces.trace("loop", SyntheticTraces.loop(120_000, 600, 0));
    long learned = replayChecked(policy(400), trace, false);
    long tinyLfu = replayChecked(new WindowTinyLfuPolicy(400), trace, false);
    assertThat(learned).isGreaterThan(tinyLfu);
  }

  @Test
  void promotionAndPrefetchAnswerOnlyWhenTheModelDecides() {
    LearnedPolicy learned = (LearnedPolicy) policy(50);
    assertThat(learned.shouldPromote(AccessEvent.of(1, 0))).isTrue();
    assertThat(learned.prefetchCandidates(5)).isEmpty();
    learned.record(AccessEvent.of(1, 1), EvictionSink.IGNORE);
    assertThat(learned.prefetchCandidates(0)).isEmpty();
  }
}

package dev.strata.placement.policy.s3fifo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.placement.AccessEvent;
import dev.strata.placement.EvictionSink;
import dev.strata.placement.PlacementPolicy;
import dev.strata.placement.PlacementPolicyConformanceTest;
import dev.strata.placement.policy.lru.LruPolicy;
import dev.strata.placement.sim.SyntheticTraces;
import dev.strata.placement.sim.trace.Trace;
import org.junit.jupiter.api.Test;

class S3FifoPolicyTest extends PlacementPolicyConformanceTest {

  @Override
  protected PlacementPolicy newPolicy(long maximumWeight) {
    return new S3FifoPolicy(maximumWeight);
  }

  @Test
  void keyReturningFromTheGhostGoesStraightToMain() {
    PlacementPolicy s3 = policy(20);
    long time = 0;
    s3.record(AccessEvent.of(1, time++), EvictionSink.IGNORE);
    // Push key 1 out of the small queue with one-hit wonders, then bring it back.
    for (long key = 100; key < 140; key++) {
      s3.record(AccessEvent.of(key, time++), EvictionSink.IGNORE);
    }
    assertThat(s3.contains(1)).isFalse();
    s3.record(AccessEvent.of(1, time++), EvictionSink.IGNORE);
    // In main it survives a long stream of one-hit wonders that only churn the small queue.
    for (long key = 200; key < 400; key++) {
      s3.record(AccessEvent.of(key, time++), EvictionSink.IGNORE);
    }
    assertThat(s3.contains(1)).isTrue();
  }

  @Test
  void resistsScansBetterThanLru() {
    Trace trace = SyntheticTraces.trace("scan", SyntheticTraces.zipfWithScan(20_000, 1000, 0.9, 2, 3));
    assertThat(replayChecked(policy(100), trace, false))
        .isGreaterThan(replayChecked(new LruPolicy(100), trace, false));
  }
}

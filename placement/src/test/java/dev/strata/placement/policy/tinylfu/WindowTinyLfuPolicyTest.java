package dev.strata.placement.policy.tinylfu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.placement.PlacementPolicy;
import dev.strata.placement.PlacementPolicyConformanceTest;
import dev.strata.placement.policy.lru.LruPolicy;
import dev.strata.placement.sim.SyntheticTraces;
import dev.strata.placement.sim.trace.Trace;
import org.junit.jupiter.api.Test;

class WindowTinyLfuPolicyTest extends PlacementPolicyConformanceTest {

  @Override
  protected PlacementPolicy newPolicy(long maximumWeight) {
    return new WindowTinyLfuPolicy(maximumWeight);
  }

  @Test
  void frequencyAdmissionResistsScansBetterThanLru() {
    Trace trace = SyntheticTraces.trace("scan", SyntheticTraces.zipfWithScan(20_000, 1000, 0.9, 2, 3));
    long lru = replayChecked(new LruPolicy(100), trace, false);
    assertThat(replayChecked(policy(100), trace, false)).isGreaterThan(lru + lru / 10);
  }

  @Test
  void staysWithinAFewPointsOfCaffeinesAdaptiveVersion() {
    Trace trace = zipfTrace(20_000);
    double ours = replayChecked(policy(50), trace, false) / 20_000.0;
    double caffeine = replayChecked(new CaffeinePolicy(50), trace, false) / 20_000.0;
    assertThat(ours).isCloseTo(caffeine, org.assertj.core.data.Offset.offset(0.05));
  }
}

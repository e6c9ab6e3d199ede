package dev.strata.placement.policy.tinylfu;

import dev.strata.placement.PlacementPolicy;
import dev.strata.placement.PlacementPolicyConformanceTest;

class CaffeinePolicyTest extends PlacementPolicyConformanceTest {

  @Override
  protected PlacementPolicy newPolicy(long maximumWeight) {
    return new CaffeinePolicy(maximumWeight);
  }
}

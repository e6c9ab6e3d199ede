package dev.strata.placement.policy.lru;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.placement.AccessEvent;
import dev.strata.placement.EvictionSink;
import dev.strata.placement.PlacementPolicy;
import dev.strata.placement.PlacementPolicyConformanceTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LruPolicyTest extends PlacementPolicyConformanceTest {

  @Override
  protected PlacementPolicy newPolicy(long maximumWeight) {
    return new LruPolicy(maximumWeight);
  }

  @Test
  void evictsTheLeastRecentlyUsedKey() {
    PlacementPolicy lru = policy(3);
    List<Long> evicted = new ArrayList<>();
    long time = 0;
    for (long key : new long[] {1, 2, 3, 1, 4}) {
      lru.record(AccessEvent.of(key, time++), (key1, cause) -> evicted.add(key1));
    }
    assertThat(evicted).containsExactly(2L);
    assertThat(lru.contains(1)).isTrue();
  }

  @Test
  void weightGrowthOnHitEvictsOthers() {
    PlacementPolicy lru = policy(10);
    lru.record(AccessEvent.weighted(1, 4, 0, 0), EvictionSink.IGNORE);
    lru.record(AccessEvent.weighted(2, 4, 1, 0), EvictionSink.IGNORE);
    lru.record(AccessEvent.weighted(2, 8, 2, 0), EvictionSink.IGNORE);
    assertThat(lru.contains(1)).isFalse();
    assertThat(lru.weightedSize()).isEqualTo(8);
  }
}

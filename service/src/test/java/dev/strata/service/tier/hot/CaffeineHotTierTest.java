package dev.strata.service.tier.hot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.service.kv.StoredItem;
import org.junit.jupiter.api.Test;

class CaffeineHotTierTest extends HotTierContractTest {

    @Override
    HotTier tier(long capacityBytes, long maxStalenessSeconds) {
        return new CaffeineHotTier(capacityBytes, maxStalenessSeconds, clockMs::get, evictedForSize, evictedExpired,
                invalidated);
    }

    @Test
    void weightCountsKeyValueAndOverhead() {
        StoredItem item = item("\"12345\"", 1);
        assertThat(CaffeineHotTier.weigh(key, item))
                .isEqualTo(key.estimatedBytes() + 7 + CaffeineHotTier.ENTRY_OVERHEAD_BYTES);
    }
}

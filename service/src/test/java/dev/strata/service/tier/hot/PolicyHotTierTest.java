package dev.strata.service.tier.hot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.service.kv.ItemKey;
import dev.strata.service.kv.StoredItem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The learned policy behind the hot-tier seam keeps the whole contract, plus what only it has. */
class PolicyHotTierTest extends HotTierContractTest {

    private final List<PolicyHotTier> opened = new ArrayList<>();

    @Override
    HotTier tier(long capacityBytes, long maxStalenessSeconds) {
        return open("learned", capacityBytes, 1024, null, maxStalenessSeconds);
    }

    private PolicyHotTier open(String policy, long capacityBytes, int meanEntryBytes, Path checkpoint,
                               long maxStalenessSeconds) {
        PolicyHotTier tier = new PolicyHotTier(policy, capacityBytes, meanEntryBytes, checkpoint, maxStalenessSeconds,
                clockMs::get, evictedForSize, evictedExpired, invalidated);
        opened.add(tier);
        return tier;
    }

    @AfterEach
    void stopTrainers() {
        opened.forEach(PolicyHotTier::close);
    }

    @ParameterizedTest
    @ValueSource(strings = {"learned", "tinylfu", "s3fifo", "sieve", "lru", "wtinylfu"})
    void everyOnlinePolicyKeepsTheByteBudgetAndServesWhatItHolds(String policy) {
        long capacity = 32 * 1024;
        PolicyHotTier hot = open(policy, capacity, 600, null, 300);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] value = new byte[500];
        for (int i = 0; i < 20_000; i++) {
            ItemKey k = new ItemKey("t", "ns", "k" + random.nextInt(400));
            StoredItem held = hot.get(k);
            if (held == null) {
                hot.put(k, new StoredItem(value, i + 1, 0, false));
            }
            assertThat(hot.weightedBytes()).isLessThanOrEqualTo(capacity);
        }
        assertThat(hot.policyName()).isEqualTo(policy);
        assertThat(hot.stats().hits()).as("a skew-free but bounded key space still hits").isPositive();
        assertThat(hot.stats().hitRatio()).isBetween(0.01, 1.0);
        assertThat(evictedForSize.count()).isPositive();
    }

    @Test
    void racingWritersOfOneKeyLeaveTheNewestVersion() throws Exception {
        PolicyHotTier hot = open("learned", 1 << 20, 64, null, 300);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int offset = w;
                writers.add(pool.submit(() -> {
                    for (int v = 1 + offset; v <= 4000; v += 4) {
                        hot.put(key, item(Integer.toString(v), v));
                        hot.invalidate(key, v - 8);
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(hot.get(key).version()).isEqualTo(4000);
    }

    @Test
    void peeksForVersionChecksDoNotCountAsHits() {
        PolicyHotTier hot = open("learned", 1 << 20, 64, null, 300);
        for (int v = 1; v <= 10; v++) {
            hot.put(key, item("x", v));
            hot.invalidate(key, 0);
        }
        assertThat(hot.stats().hits() + hot.stats().misses()).isZero();
        hot.get(key);
        assertThat(hot.stats().hits()).isEqualTo(1);
    }

    @Test
    void theLearnedModelTrainsAndAReopenedTierResumesFromItsCheckpoint(@TempDir Path checkpoint) {
        long version;
        PolicyHotTier first = open("learned", 64 * 1024, 200, checkpoint, 300);
        version = trainUntilModelVersion(first, 3);
        assertThat(version).as("model versions published within 30 s of skewed traffic").isGreaterThanOrEqualTo(3);
        first.close();
        PolicyHotTier reopened = open("learned", 64 * 1024, 200, checkpoint, 300);
        assertThat(reopened.stats().modelStatus().modelVersion()).isGreaterThanOrEqualTo(version);
        assertThat(reopened.stats().modelStatus().trainingSamples()).isPositive();
    }

    static long trainUntilModelVersion(PolicyHotTier hot, long wanted) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] value = new byte[100];
        long deadline = System.nanoTime() + 30_000_000_000L;
        long version = 0;
        while (hot.stats().modelStatus().modelVersion() < wanted && System.nanoTime() < deadline) {
            for (int i = 0; i < 10_000; i++, version++) {
                // Zipf-like skew: small ranks much more often than large ones.
                int rank = (int) Math.pow(random.nextInt(1, 1 << 12), 1.5) % 5000;
                ItemKey k = new ItemKey("t", "ns" + rank % 7, "k" + rank);
                if (hot.get(k) == null) {
                    hot.put(k, new StoredItem(value, version + 1, 0, false));
                }
            }
        }
        return hot.stats().modelStatus().modelVersion();
    }

    @Test
    void unknownPolicyNamesAreRefusedWithTheChoices() {
        assertThatThrownBy(() -> open("nope", 1 << 20, 64, null, 300))
                .hasMessageContaining("nope").hasMessageContaining("learned");
    }
}

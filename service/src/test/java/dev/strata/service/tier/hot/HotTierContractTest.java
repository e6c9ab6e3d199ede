package dev.strata.service.tier.hot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strata.service.kv.ItemKey;
import dev.strata.service.kv.StoredItem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The hot tier's contract — byte budget, version order, invalidation and expiry — which every
 * implementation behind the {@link HotTier} seam must keep.
 */
abstract class HotTierContractTest {

    static final long START_MS = 1_800_000_000_000L;

    final AtomicLong clockMs = new AtomicLong(START_MS);
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final Counter evictedForSize = registry.counter("size");
    final Counter evictedExpired = registry.counter("expired");
    final Counter invalidated = registry.counter("invalidated");
    final ItemKey key = new ItemKey("tenant-a", "ns", "k");

    /** The implementation under test, on {@link #clockMs} and the counters above. */
    abstract HotTier tier(long capacityBytes, long maxStalenessSeconds);

    static StoredItem item(String json, long version) {
        return new StoredItem(json.getBytes(StandardCharsets.UTF_8), version, 0, false);
    }

    @Test
    void byteBudgetHoldsAfterInsertingFarMoreThanFits() {
        long capacity = 64 * 1024;
        HotTier hot = tier(capacity, 300);
        byte[] value = new byte[1000];
        int inserted = 1000;
        for (int i = 0; i < inserted; i++) {
            hot.put(new ItemKey("tenant-a", "ns", "key-" + i), new StoredItem(value, i + 1, 0, false));
        }
        // ~1.2 MB offered to a 64 KiB budget. Caffeine evicts in its maintenance task, which may lag a put;
        // a placement policy may also refuse newcomers (counted with the evictions).
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(hot.weightedBytes()).isLessThanOrEqualTo(capacity);
            // The eviction listener also runs asynchronously.
            assertThat(evictedForSize.count()).isGreaterThan(inserted / 2.0);
        });
        assertThat(hot.entryCount()).isLessThanOrEqualTo(capacity / 1000);
        assertThat(hot.capacityBytes()).isEqualTo(capacity);
    }

    @Test
    void anOlderVersionNeverReplacesANewerOne() {
        HotTier hot = tier(1 << 20, 300);
        hot.put(key, item("2", 20));
        hot.put(key, item("1", 10));
        assertThat(hot.get(key).version()).isEqualTo(20);
        hot.put(key, item("3", 30));
        assertThat(hot.get(key).version()).isEqualTo(30);
        assertThat(new String(hot.get(key).value(), StandardCharsets.UTF_8)).isEqualTo("3");
    }

    @Test
    void invalidateDropsOnlyOlderVersions() {
        HotTier hot = tier(1 << 20, 300);
        hot.put(key, item("5", 50));
        hot.invalidate(key, 40);
        hot.invalidate(key, 50);
        assertThat(hot.get(key)).as("an invalidation at or below the held version keeps it").isNotNull();
        assertThat(invalidated.count()).isZero();
        hot.invalidate(key, 51);
        assertThat(hot.get(key)).isNull();
        assertThat(invalidated.count()).isEqualTo(1);
    }

    @Test
    void recentlyInvalidatedVersionsAreRefusedOnPut() {
        HotTier hot = tier(1 << 20, 300);
        hot.invalidate(key, 100);
        hot.put(key, item("stale", 99));
        assertThat(hot.get(key)).as("a slow promotion of an older version must not come back").isNull();
        hot.put(key, item("fresh", 100));
        assertThat(hot.get(key).version()).isEqualTo(100);
    }

    @Test
    void clearForgetsEntriesAndInvalidations() {
        HotTier hot = tier(1 << 20, 300);
        hot.put(key, item("1", 1));
        hot.invalidate(new ItemKey("tenant-a", "ns", "other"), 10);
        hot.clear();
        assertThat(hot.get(key)).isNull();
        hot.put(new ItemKey("tenant-a", "ns", "other"), item("2", 5));
        assertThat(hot.get(new ItemKey("tenant-a", "ns", "other"))).isNotNull();
    }

    @Test
    void itemTtlIsJudgedByTheWallClock() {
        HotTier hot = tier(1 << 20, 300);
        hot.put(key, new StoredItem("1".getBytes(StandardCharsets.UTF_8), 1, START_MS + 1000, false));
        assertThat(hot.get(key)).isNotNull();
        clockMs.set(START_MS + 1000);
        assertThat(hot.get(key)).as("expired exactly at expiresAt").isNull();
        hot.put(key, new StoredItem("2".getBytes(StandardCharsets.UTF_8), 2, START_MS + 500, false));
        assertThat(hot.get(key)).as("an already expired item is not stored").isNull();
    }

    @Test
    void maxStalenessBoundsEntriesWithoutTtl() {
        HotTier hot = tier(1 << 20, 1);
        hot.put(key, item("1", 1));
        clockMs.set(START_MS + 999);
        assertThat(hot.get(key)).isNotNull();
        clockMs.set(START_MS + 1000);
        assertThat(hot.get(key)).isNull();
        assertThat(evictedExpired.count()).isEqualTo(1);
    }

    @Test
    void sweepReclaimsExpiredEntriesNobodyReads() {
        HotTier hot = tier(1 << 20, 300);
        hot.put(key, new StoredItem("1".getBytes(StandardCharsets.UTF_8), 1, START_MS + 1000, false));
        ItemKey lasting = new ItemKey("tenant-a", "ns", "lasting");
        hot.put(lasting, item("2", 1));
        clockMs.set(START_MS + 1000);
        assertThat(hot.sweepExpired()).isEqualTo(1);
        assertThat(hot.entryCount()).isEqualTo(1);
        assertThat(hot.get(lasting)).isNotNull();
    }

    @Test
    void removeTenantDropsOnlyThatTenant() {
        HotTier hot = tier(1 << 20, 300);
        hot.put(new ItemKey("a", "ns", "1"), item("1", 1));
        hot.put(new ItemKey("a", "ns2", "2"), item("1", 1));
        hot.put(new ItemKey("ab", "ns", "1"), item("1", 1));
        assertThat(hot.removeTenant("a")).isEqualTo(2);
        assertThat(hot.get(new ItemKey("a", "ns", "1"))).isNull();
        assertThat(hot.get(new ItemKey("ab", "ns", "1"))).isNotNull();
    }

    @Test
    void forEachEntryVisitsEveryEntryOnceWithItsItem() {
        HotTier hot = tier(1 << 20, 300);
        hot.put(new ItemKey("a", "ns", "1"), item("11", 1));
        hot.put(new ItemKey("a", "ns", "2"), item("222", 2));
        hot.put(new ItemKey("b", "ns", "1"), item("4", 3));
        java.util.Map<ItemKey, Long> seen = new java.util.HashMap<>();
        hot.forEachEntry((key, item) -> assertThat(seen.put(key, item.version() * 100 + item.value().length)).isNull());
        assertThat(seen).containsOnly(java.util.Map.entry(new ItemKey("a", "ns", "1"), 102L),
                java.util.Map.entry(new ItemKey("a", "ns", "2"), 203L), java.util.Map.entry(new ItemKey("b", "ns", "1"), 301L));
    }
}

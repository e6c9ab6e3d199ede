package dev.strata.service.tier.hot;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.strata.service.kv.ItemKey;
import dev.strata.service.kv.StoredItem;
import io.micrometer.core.instrument.Counter;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The default hot tier: Caffeine's W-TinyLFU bounded by bytes. Each entry expires at the earlier of
 * its own TTL and the max-staleness bound.
 */
public final class CaffeineHotTier implements HotTier {

    /** Per-entry overhead beyond key and value bytes (entry object, record, array header). */
    static final int ENTRY_OVERHEAD_BYTES = 96;

    private final Cache<ItemKey, StoredItem> cache;
    private final RecentInvalidations recentInvalidations = new RecentInvalidations();
    private final long capacityBytes;
    private final LongSupplier clockMs;
    private final Counter invalidated;

    public CaffeineHotTier(long capacityBytes, long maxStalenessSeconds, LongSupplier clockMs,
                           Counter evictedForSize, Counter evictedExpired, Counter invalidated) {
        this.capacityBytes = capacityBytes;
        this.clockMs = clockMs;
        this.invalidated = invalidated;
        long maxStalenessNanos = TimeUnit.SECONDS.toNanos(maxStalenessSeconds);
        this.cache = Caffeine.newBuilder()
                .maximumWeight(capacityBytes)
                .weigher((ItemKey key, StoredItem item) -> weigh(key, item))
                .expireAfter(new Expiry<ItemKey, StoredItem>() {
                    @Override
                    public long expireAfterCreate(ItemKey key, StoredItem item, long currentTime) {
                        return lifetimeNanos(item, maxStalenessNanos);
                    }

                    @Override
                    public long expireAfterUpdate(ItemKey key, StoredItem item, long currentTime, long currentDuration) {
                        return lifetimeNanos(item, maxStalenessNanos);
                    }

                    @Override
                    public long expireAfterRead(ItemKey key, StoredItem item, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .evictionListener((ItemKey key, StoredItem item, RemovalCause cause) -> {
                    if (cause == RemovalCause.EXPIRED) {
                        evictedExpired.increment();
                    } else if (cause.wasEvicted()) {
                        evictedForSize.increment();
                    }
                })
                .build();
    }

    static int weigh(ItemKey key, StoredItem item) {
        return key.estimatedBytes() + item.value().length + ENTRY_OVERHEAD_BYTES;
    }

    private long lifetimeNanos(StoredItem item, long maxStalenessNanos) {
        if (!item.hasTtl()) {
            return maxStalenessNanos;
        }
        long remainingNanos = TimeUnit.MILLISECONDS.toNanos(item.expiresAtMs() - clockMs.getAsLong());
        return Math.max(0, Math.min(remainingNanos, maxStalenessNanos));
    }

    @Override
    public StoredItem get(ItemKey key) {
        StoredItem item = cache.getIfPresent(key);
        // Caffeine's expiry works in nanoTime; re-check against the wall clock the TTL was given in.
        if (item != null && item.isExpiredAt(clockMs.getAsLong())) {
            cache.asMap().remove(key, item);
            return null;
        }
        return item;
    }

    @Override
    public void put(ItemKey key, StoredItem item) {
        if (recentInvalidations.isStale(key, item.version()) || item.isExpiredAt(clockMs.getAsLong())) {
            return;
        }
        cache.asMap().compute(key, (k, current) ->
                current == null || current.version() < item.version() ? item : current);
    }

    @Override
    public void invalidate(ItemKey key, long version) {
        recentInvalidations.record(key, version);
        boolean[] dropped = {false};
        cache.asMap().computeIfPresent(key, (k, current) -> {
            dropped[0] = current.version() < version;
            return dropped[0] ? null : current;
        });
        if (dropped[0]) {
            invalidated.increment();
        }
    }

    @Override
    public void remove(ItemKey key) {
        cache.invalidate(key);
    }

    @Override
    public long removeTenant(String tenant) {
        long removed = 0;
        for (ItemKey key : cache.asMap().keySet()) {
            if (key.tenant().equals(tenant) && cache.asMap().remove(key) != null) {
                removed++;
            }
        }
        return removed;
    }

    @Override
    public void clear() {
        cache.invalidateAll();
        recentInvalidations.clear();
    }

    @Override
    public long entryCount() {
        return cache.estimatedSize();
    }

    @Override
    public long weightedBytes() {
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }

    @Override
    public long capacityBytes() {
        return capacityBytes;
    }

    @Override
    public String policyName() {
        return "caffeine";
    }
}

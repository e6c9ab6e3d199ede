package dev.strata.service.tier.hot;

import dev.strata.placement.RemovalCause;
import dev.strata.placement.live.CacheStats;
import dev.strata.placement.live.PolicyDrivenCache;
import dev.strata.service.kv.ItemKey;
import dev.strata.service.kv.StoredItem;
import io.micrometer.core.instrument.Counter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A hot tier whose contents are decided by a placement policy of the {@code placement} module
 * ({@code learned}, {@code tinylfu}, {@code s3fifo}, {@code sieve}, {@code lru}, {@code wtinylfu}).
 *
 * <p>{@link PolicyDrivenCache} has no atomic compute, so the version rules of {@link HotTier} (never
 * replace a newer version, never resurrect an invalidated one) are enforced here: every write of a key
 * holds one of {@link #STRIPES} locks chosen by the key's hash and compares versions with a
 * {@link PolicyDrivenCache#peek peek}, which neither counts as a hit nor feeds the model. Reads take
 * no lock. Expiry works as in {@link CaffeineHotTier}: a per-entry deadline checked on read.
 */
public final class PolicyHotTier implements HotTier, AutoCloseable {

    private static final int STRIPES = 64;

    /** A cached item and the wall-clock time after which it must not be served. */
    record Entry(StoredItem item, long deadlineMs) { }

    private final PolicyDrivenCache<ItemKey, Entry> cache;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final RecentInvalidations recentInvalidations = new RecentInvalidations();
    private final long maxStalenessMs;
    private final LongSupplier clockMs;
    private final Counter evictedExpired;
    private final Counter invalidated;

    /**
     * @param policy a registry name of {@code dev.strata.placement.PolicyRegistry}
     * @param checkpointDir where the learned policy keeps its model across restarts; null for none
     * @param meanEntryBytes typical item size; the learned policy derives its time scales from it
     */
    public PolicyHotTier(String policy, long capacityBytes, int meanEntryBytes, Path checkpointDir,
                         long maxStalenessSeconds, LongSupplier clockMs,
                         Counter evictedForSize, Counter evictedExpired, Counter invalidated) {
        this.maxStalenessMs = maxStalenessSeconds * 1000;
        this.clockMs = clockMs;
        this.evictedExpired = evictedExpired;
        this.invalidated = invalidated;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
        var builder = PolicyDrivenCache.builder().policy(policy).capacityBytes(capacityBytes)
                .meanEntryBytes(meanEntryBytes)
                // Items of one namespace tend to be popular together: the learned policy's
                // neighbourhood feature groups keys by tenant and namespace.
                .<ItemKey>keyGroups(key -> Objects.hash(key.tenant(), key.namespace()))
                .<ItemKey, Entry>removalListener((key, entry, cause) -> {
                    // REJECTED is the policy declining to admit a promotion: an eviction of the
                    // newcomer, counted with the others so the eviction rate stays comparable.
                    if (cause == RemovalCause.EVICTED || cause == RemovalCause.REJECTED
                            || cause == RemovalCause.OVERSIZED) {
                        evictedForSize.increment();
                    }
                });
        if (checkpointDir != null) {
            builder.checkpointDir(checkpointDir);
        }
        this.cache = builder.build();
    }

    @Override
    public StoredItem get(ItemKey key) {
        Entry entry = cache.get(key);
        if (entry == null) {
            return null;
        }
        if (entry.deadlineMs() <= clockMs.getAsLong()) {
            if (removeIfSame(key, entry)) {
                evictedExpired.increment();
            }
            return null;
        }
        return entry.item();
    }

    @Override
    public void put(ItemKey key, StoredItem item) {
        long now = clockMs.getAsLong();
        if (recentInvalidations.isStale(key, item.version()) || item.isExpiredAt(now)) {
            return;
        }
        long deadline = HotDeadline.of(item, now, maxStalenessMs);
        ReentrantLock lock = stripe(key);
        lock.lock();
        try {
            Entry current = cache.peek(key);
            if (current == null || current.item().version() < item.version()) {
                cache.put(key, new Entry(item, deadline), CaffeineHotTier.weigh(key, item));
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void invalidate(ItemKey key, long version) {
        recentInvalidations.record(key, version);
        boolean dropped = false;
        ReentrantLock lock = stripe(key);
        lock.lock();
        try {
            Entry current = cache.peek(key);
            if (current != null && current.item().version() < version) {
                dropped = cache.remove(key);
            }
        } finally {
            lock.unlock();
        }
        if (dropped) {
            invalidated.increment();
        }
    }

    @Override
    public void remove(ItemKey key) {
        ReentrantLock lock = stripe(key);
        lock.lock();
        try {
            cache.remove(key);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void forEachEntry(java.util.function.BiConsumer<ItemKey, StoredItem> visitor) {
        cache.forEach((key, entry) -> visitor.accept(key, entry.item()));
    }

    @Override
    public long removeTenant(String tenant) {
        List<ItemKey> keys = new ArrayList<>();
        cache.forEach((key, entry) -> {
            if (key.tenant().equals(tenant)) {
                keys.add(key);
            }
        });
        long removed = 0;
        for (ItemKey key : keys) {
            ReentrantLock lock = stripe(key);
            lock.lock();
            try {
                if (cache.remove(key)) {
                    removed++;
                }
            } finally {
                lock.unlock();
            }
        }
        return removed;
    }

    @Override
    public void clear() {
        cache.clear();
        recentInvalidations.clear();
    }

    @Override
    public long sweepExpired() {
        long now = clockMs.getAsLong();
        List<ItemKey> expiredKeys = new ArrayList<>();
        List<Entry> expiredEntries = new ArrayList<>();
        cache.forEach((key, entry) -> {
            if (entry.deadlineMs() <= now) {
                expiredKeys.add(key);
                expiredEntries.add(entry);
            }
        });
        long removed = 0;
        for (int i = 0; i < expiredKeys.size(); i++) {
            if (removeIfSame(expiredKeys.get(i), expiredEntries.get(i))) {
                removed++;
            }
        }
        evictedExpired.increment(removed);
        return removed;
    }

    /** Removes the key only if it still maps to {@code expected} (a newer write may have replaced it). */
    private boolean removeIfSame(ItemKey key, Entry expected) {
        ReentrantLock lock = stripe(key);
        lock.lock();
        try {
            return cache.peek(key) == expected && cache.remove(key);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long entryCount() {
        return cache.entryCount();
    }

    @Override
    public long weightedBytes() {
        return cache.weightedSizeBytes();
    }

    @Override
    public long capacityBytes() {
        return cache.capacityBytes();
    }

    @Override
    public String policyName() {
        return cache.policyName();
    }

    /** Hit ratio, evictions and the learned policy's model status, for the placement metrics. */
    public CacheStats stats() {
        return cache.stats();
    }

    /** Stops background training and writes the learned policy's checkpoint. */
    @Override
    public void close() {
        cache.close();
    }

    private ReentrantLock stripe(ItemKey key) {
        return stripes[Math.floorMod(key.hashCode() * 0x9E3779B9, STRIPES)];
    }
}

package dev.strata.service.tier.hot;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.strata.service.kv.ItemKey;
import java.time.Duration;

/**
 * Remembers, for a short while, the newest version each invalidated key was invalidated at. A read
 * that fetched an older version from a lower tier just before the invalidation arrived must not
 * put that version back into the hot tier; this is what refuses it.
 */
final class RecentInvalidations {

    private final Cache<ItemKey, Long> versions = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(30))
            .maximumSize(200_000)
            .build();

    void record(ItemKey key, long version) {
        versions.asMap().merge(key, version, Math::max);
    }

    boolean isStale(ItemKey key, long version) {
        if (versions.estimatedSize() == 0) {
            // Common case on a single instance or a quiet fleet: skip the lookup on every put.
            return false;
        }
        Long invalidatedAt = versions.getIfPresent(key);
        return invalidatedAt != null && version < invalidatedAt;
    }

    void clear() {
        versions.invalidateAll();
    }
}

package dev.strata.service.tier.hot;

import dev.strata.service.kv.ItemKey;
import dev.strata.service.kv.StoredItem;

/**
 * The in-process tier: a byte-bounded cache in front of Redis and PostgreSQL. This interface is the
 * eviction-policy seam: {@link CaffeineHotTier} (W-TinyLFU) is the default, and any policy from the
 * placement module can stand behind it instead.
 *
 * <p>Implementations never return an expired item and never let an older version replace a newer
 * one, so a slow promotion racing a fresh write or an invalidation cannot resurrect stale data.
 */
public interface HotTier {

    /** The live item, or null when absent or expired. */
    StoredItem get(ItemKey key);

    /** Stores the item unless a newer version is already held or was invalidated recently. */
    void put(ItemKey key, StoredItem item);

    /** Drops the entry if it is older than {@code version} (another instance wrote or deleted it). */
    void invalidate(ItemKey key, long version);

    /** Drops the entry whatever its version (a local delete). */
    void remove(ItemKey key);

    /**
     * Visits every entry (expired ones not yet swept included), for per-tenant statistics. Walks the
     * whole tier: for admin requests, never for the request path.
     */
    void forEachEntry(java.util.function.BiConsumer<ItemKey, StoredItem> visitor);

    /** Drops every entry of a tenant (tenant deletion); returns how many went. */
    long removeTenant(String tenant);

    /** Drops everything (e.g. after invalidation messages may have been missed). */
    void clear();

    /** Removes entries past their TTL or staleness deadline; returns how many went. */
    long sweepExpired();

    long entryCount();

    long weightedBytes();

    long capacityBytes();

    /** Name of the placement policy, for the metrics and logs. */
    String policyName();
}

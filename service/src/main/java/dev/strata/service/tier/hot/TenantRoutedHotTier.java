package dev.strata.service.tier.hot;

import dev.strata.service.kv.ItemKey;
import dev.strata.service.kv.StoredItem;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Honours the per-tenant {@code learned-placement} feature flag in front of a policy-driven hot tier.
 * Tenants with the flag on (the default) are placed by the configured policy; tenants with it off get
 * what the plain key/value server has, a Caffeine W-TinyLFU tier, created on first use with its own
 * byte budget ({@code strata.hot.plain-share} of {@code strata.hot.max-bytes}).
 *
 * <p>A flag can change at any time, so an item may sit in the tier its tenant no longer reads from.
 * Every write, invalidation and removal therefore reaches both tiers: the routed tier stores the item
 * and the other one drops its copy, so switching back never serves an older version.
 */
public final class TenantRoutedHotTier implements HotTier, AutoCloseable {

    private final HotTier placed;
    private final Predicate<String> usesPlacement;
    private final Supplier<HotTier> plainFactory;
    private volatile HotTier plain;

    /**
     * @param placed the tier of the configured placement policy
     * @param usesPlacement whether a tenant's items are placed by that policy (its feature flag)
     * @param plainFactory builds the plain tier the first time a tenant has the flag off
     */
    public TenantRoutedHotTier(HotTier placed, Predicate<String> usesPlacement, Supplier<HotTier> plainFactory) {
        this.placed = placed;
        this.usesPlacement = usesPlacement;
        this.plainFactory = plainFactory;
    }

    private HotTier routed(ItemKey key) {
        return usesPlacement.test(key.tenant()) ? placed : plain();
    }

    private HotTier plain() {
        HotTier tier = plain;
        if (tier == null) {
            synchronized (this) {
                tier = plain;
                if (tier == null) {
                    tier = plainFactory.get();
                    plain = tier;
                }
            }
        }
        return tier;
    }

    @Override
    public StoredItem get(ItemKey key) {
        return routed(key).get(key);
    }

    @Override
    public void put(ItemKey key, StoredItem item) {
        HotTier target = routed(key);
        target.put(key, item);
        HotTier other = target == placed ? plain : placed;
        if (other != null) {
            other.remove(key);
        }
    }

    @Override
    public void invalidate(ItemKey key, long version) {
        placed.invalidate(key, version);
        HotTier tier = plain;
        if (tier != null) {
            tier.invalidate(key, version);
        }
    }

    @Override
    public void remove(ItemKey key) {
        placed.remove(key);
        HotTier tier = plain;
        if (tier != null) {
            tier.remove(key);
        }
    }

    @Override
    public void forEachEntry(java.util.function.BiConsumer<ItemKey, StoredItem> visitor) {
        placed.forEachEntry(visitor);
        HotTier tier = plain;
        if (tier != null) {
            tier.forEachEntry(visitor);
        }
    }

    @Override
    public long removeTenant(String tenant) {
        HotTier tier = plain;
        return placed.removeTenant(tenant) + (tier == null ? 0 : tier.removeTenant(tenant));
    }

    @Override
    public void clear() {
        placed.clear();
        HotTier tier = plain;
        if (tier != null) {
            tier.clear();
        }
    }

    @Override
    public long sweepExpired() {
        HotTier tier = plain;
        return placed.sweepExpired() + (tier == null ? 0 : tier.sweepExpired());
    }

    @Override
    public long entryCount() {
        HotTier tier = plain;
        return placed.entryCount() + (tier == null ? 0 : tier.entryCount());
    }

    @Override
    public long weightedBytes() {
        HotTier tier = plain;
        return placed.weightedBytes() + (tier == null ? 0 : tier.weightedBytes());
    }

    @Override
    public long capacityBytes() {
        HotTier tier = plain;
        return placed.capacityBytes() + (tier == null ? 0 : tier.capacityBytes());
    }

    @Override
    public String policyName() {
        return placed.policyName();
    }

    /** The placement-driven tier, for its metrics. */
    public HotTier placed() {
        return placed;
    }

    @Override
    public void close() throws Exception {
        if (placed instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}

package dev.strata.service.tier.warm;

import dev.strata.service.kv.ItemKey;
import dev.strata.service.kv.StoredItem;
import dev.strata.service.tier.durable.Precondition;
import java.util.List;

/** The warm tier when no Redis URL is configured: always a miss, never a failure. */
public final class NoWarmTier implements WarmTier {

    @Override
    public boolean isEnabled() {
        return false;
    }

    @Override
    public boolean isAvailable() {
        return false;
    }

    @Override
    public StoredItem get(ItemKey key) {
        return null;
    }

    @Override
    public void store(ItemKey key, StoredItem item) {
    }

    @Override
    public void tombstone(ItemKey key, long version) {
    }

    @Override
    public void storeAll(List<CacheWrite> writes) {
    }

    @Override
    public EphemeralOutcome putEphemeral(ItemKey key, byte[] value, long expiresAtMs, long proposedVersion, Precondition precondition) {
        return new EphemeralOutcome.Unavailable();
    }

    @Override
    public EphemeralOutcome deleteEphemeral(ItemKey key, long proposedVersion, Precondition precondition) {
        return new EphemeralOutcome.Unavailable();
    }

    @Override
    public long removeTenant(String tenant) {
        return 0;
    }
}

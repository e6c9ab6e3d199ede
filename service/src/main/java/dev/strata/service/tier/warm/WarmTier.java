package dev.strata.service.tier.warm;

import dev.strata.service.kv.ItemKey;
import dev.strata.service.kv.StoredItem;
import dev.strata.service.tier.durable.Precondition;
import java.util.List;

/**
 * The shared Redis tier. Every method degrades instead of failing: while Redis is unreachable,
 * reads miss and writes are skipped (and remembered, so stale copies are dropped on re-attach).
 * {@link NoWarmTier} stands in when no Redis URL is configured.
 */
public interface WarmTier {

    /** Outcome of a write to an ephemeral item, which lives only here and in the hot tier. */
    sealed interface EphemeralOutcome {
        record Written(long version) implements EphemeralOutcome { }
        record PreconditionFailed() implements EphemeralOutcome { }
        record NotFound() implements EphemeralOutcome { }
        record Unavailable() implements EphemeralOutcome { }
    }

    /** A write of a batch, applied in one pipeline after the durable transaction committed. */
    sealed interface CacheWrite {
        record Store(ItemKey key, StoredItem item) implements CacheWrite { }
        record Tombstone(ItemKey key, long version) implements CacheWrite { }
    }

    boolean isEnabled();

    boolean isAvailable();

    /** The live item, or null (absent, expired, deleted, or Redis unavailable). */
    StoredItem get(ItemKey key);

    /** Caches a durable item unless Redis holds a newer version or a newer deletion. */
    void store(ItemKey key, StoredItem item);

    /** Records a deletion at {@code version} so slower, older writes cannot resurrect the item. */
    void tombstone(ItemKey key, long version);

    /** Applies many cache writes in one round trip. */
    void storeAll(List<CacheWrite> writes);

    EphemeralOutcome putEphemeral(ItemKey key, byte[] value, long expiresAtMs, long proposedVersion, Precondition precondition);

    EphemeralOutcome deleteEphemeral(ItemKey key, long proposedVersion, Precondition precondition);

    /** Removes every key of a tenant; returns how many went. */
    long removeTenant(String tenant);
}

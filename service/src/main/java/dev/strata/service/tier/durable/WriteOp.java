package dev.strata.service.tier.durable;

import dev.strata.service.kv.ItemKey;

/** One write against the durable tier; many are committed together by the {@link GroupCommitter}. */
public sealed interface WriteOp {

    ItemKey key();

    Precondition precondition();

    /** Version proposed by this instance's clock; the stored version is never lower than the previous one + 1. */
    long proposedVersion();

    record Put(ItemKey key, byte[] value, long expiresAtMs, long proposedVersion, Precondition precondition) implements WriteOp { }

    record Delete(ItemKey key, long proposedVersion, Precondition precondition) implements WriteOp { }
}

package dev.strata.service.tier.durable;

/** What happened to one {@link WriteOp}. */
public sealed interface WriteResult {

    /** Committed; {@code version} is the stored version (for a delete, the version of the deletion). */
    record Applied(long version) implements WriteResult { }

    /** The precondition did not hold; nothing was written. */
    record PreconditionFailed() implements WriteResult { }

    /** A delete of an item that does not exist (or has expired). */
    record NotFound() implements WriteResult { }
}

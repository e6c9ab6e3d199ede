package dev.strata.service.tier.durable;

/** Conditions a write may carry (HTTP {@code If-Match} / {@code If-None-Match}). */
public sealed interface Precondition {

    /** Unconditional write. */
    Precondition NONE = new None();
    /** {@code If-Match: *}: the item must exist. */
    Precondition EXISTS = new Exists();
    /** {@code If-None-Match: *}: the item must not exist. */
    Precondition ABSENT = new Absent();

    static Precondition versionIs(long version) {
        return new VersionIs(version);
    }

    record None() implements Precondition { }

    record Exists() implements Precondition { }

    record Absent() implements Precondition { }

    record VersionIs(long version) implements Precondition { }
}

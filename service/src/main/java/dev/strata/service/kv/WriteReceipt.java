package dev.strata.service.kv;

/** What an acknowledged write did: its version, expiry and whether PostgreSQL holds it. */
public record WriteReceipt(long version, long expiresAtMs, boolean durable) { }

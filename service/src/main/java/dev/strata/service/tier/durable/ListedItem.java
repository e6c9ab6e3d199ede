package dev.strata.service.tier.durable;

/** One row of a namespace listing: the key and its metadata, not its value. */
public record ListedItem(String key, long version, long expiresAtMs, int sizeBytes) { }

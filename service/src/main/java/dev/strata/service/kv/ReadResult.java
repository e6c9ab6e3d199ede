package dev.strata.service.kv;

import dev.strata.service.tier.Tier;

/** A live item and the tier that served it. */
public record ReadResult(StoredItem item, Tier servedBy) { }

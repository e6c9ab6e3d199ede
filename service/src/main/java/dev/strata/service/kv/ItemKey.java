package dev.strata.service.kv;

import java.util.Objects;

/**
 * The full identity of an item. The tenant is part of every key in every tier, which is how
 * isolation is enforced below the controllers: there is no way to name an item without its tenant.
 */
public record ItemKey(String tenant, String namespace, String key) {

    public ItemKey {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(key, "key");
    }

    /** Approximate heap footprint of the key strings, used by the hot tier's byte budget. */
    public int estimatedBytes() {
        return 48 + 2 * (tenant.length() + namespace.length() + key.length());
    }
}

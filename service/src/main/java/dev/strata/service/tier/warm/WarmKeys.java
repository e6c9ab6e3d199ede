package dev.strata.service.tier.warm;

import dev.strata.service.kv.ItemKey;
import java.nio.charset.StandardCharsets;

/**
 * Redis key layout: {@code strata:v1:<tenant>:<namespace>:<key>}. Tenant ids and namespaces cannot
 * contain ':' or glob characters, so a tenant's keys are exactly those matching
 * {@code strata:v1:<tenant>:*}.
 */
public final class WarmKeys {

    static final String PREFIX = "strata:v1:";
    /**
     * First character of namespaces the server keeps for itself (e.g. {@code ~sessions}, the session
     * cache of semantic memory); KV namespaces start with a letter or digit, so they never collide.
     * Such keys go with their tenant but are not items: the admin tools' scans skip them.
     */
    public static final char RESERVED = '~';

    private WarmKeys() {
    }

    static byte[] of(ItemKey key) {
        return (PREFIX + key.tenant() + ':' + key.namespace() + ':' + key.key()).getBytes(StandardCharsets.UTF_8);
    }

    static String tenantPattern(String tenant) {
        return PREFIX + tenant + ":*";
    }

    static String allPattern() {
        return PREFIX + "*";
    }
}

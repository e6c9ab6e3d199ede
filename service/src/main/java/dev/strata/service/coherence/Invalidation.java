package dev.strata.service.coherence;

import dev.strata.service.kv.ItemKey;
import java.util.ArrayList;
import java.util.List;

/**
 * "Drop your hot copy of this key if it is older than {@code version}" — or, with an empty namespace,
 * "drop everything of this tenant". Wire form: one line per invalidation, tab-separated
 * ({@code origin, tenant, namespace, key, version}); ids cannot contain tabs or newlines.
 */
public record Invalidation(String origin, String tenant, String namespace, String key, long version) {

    public static Invalidation ofItem(String origin, ItemKey key, long version) {
        return new Invalidation(origin, key.tenant(), key.namespace(), key.key(), version);
    }

    public static Invalidation ofTenant(String origin, String tenant) {
        return new Invalidation(origin, tenant, "", "", Long.MAX_VALUE);
    }

    public boolean isTenantWide() {
        return namespace.isEmpty();
    }

    public ItemKey itemKey() {
        return new ItemKey(tenant, namespace, key);
    }

    String encode() {
        return origin + '\t' + tenant + '\t' + namespace + '\t' + key + '\t' + version;
    }

    static String encodeAll(List<Invalidation> invalidations) {
        StringBuilder out = new StringBuilder();
        for (Invalidation invalidation : invalidations) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(invalidation.encode());
        }
        return out.toString();
    }

    /** Parses a message; malformed lines are skipped (a foreign publisher must not break us). */
    static List<Invalidation> decodeAll(String message) {
        List<Invalidation> parsed = new ArrayList<>();
        for (String line : message.split("\n")) {
            String[] parts = line.split("\t", -1);
            if (parts.length != 5) {
                continue;
            }
            try {
                parsed.add(new Invalidation(parts[0], parts[1], parts[2], parts[3], Long.parseLong(parts[4])));
            } catch (NumberFormatException ignored) {
                // not one of ours
            }
        }
        return parsed;
    }
}

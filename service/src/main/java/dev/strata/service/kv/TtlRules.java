package dev.strata.service.kv;

import dev.strata.service.api.ApiException;

/** TTLs are whole seconds from 1 to ten years; absent or 0 means the item does not expire. */
public final class TtlRules {

    public static final long MAX_TTL_SECONDS = 10L * 365 * 24 * 3600;

    private TtlRules() {
    }

    public static long parse(String ttl) {
        if (ttl == null) {
            return 0;
        }
        try {
            long seconds = Long.parseLong(ttl.trim());
            if (seconds < 0 || seconds > MAX_TTL_SECONDS) {
                throw new NumberFormatException();
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid-ttl", "ttl must be a whole number of seconds between 0 and " + MAX_TTL_SECONDS + ".");
        }
    }
}

package dev.strata.service.tier.hot;

import dev.strata.service.kv.StoredItem;

/** When a hot copy must stop being served: its TTL, or the max-staleness bound, whichever comes first. */
final class HotDeadline {

    private HotDeadline() {
    }

    static long of(StoredItem item, long nowMs, long maxStalenessMs) {
        long deadline = nowMs + maxStalenessMs;
        return item.hasTtl() ? Math.min(deadline, item.expiresAtMs()) : deadline;
    }
}

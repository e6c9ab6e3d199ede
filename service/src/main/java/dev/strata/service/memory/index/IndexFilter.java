package dev.strata.service.memory.index;

import java.util.List;
import java.util.Map;

/**
 * Restricts a search. Tenant and user are mandatory: every query the index runs carries them as a
 * filter, so no ranking path can reach another user's memories.
 *
 * @param topics any of these topics (empty = no restriction)
 * @param entities any of these entities
 * @param metadata every key must have this scalar value (as text)
 * @param fromMs inclusive lower bound of creation time, or {@link Long#MIN_VALUE}
 * @param toMs exclusive upper bound, or {@link Long#MAX_VALUE}
 */
public record IndexFilter(String tenantId, String userId, String sessionId, List<String> topics, List<String> entities,
                          Map<String, String> metadata, long fromMs, long toMs) {

    public IndexFilter {
        if (tenantId == null || userId == null) {
            throw new IllegalArgumentException("tenant and user are required");
        }
        topics = topics == null ? List.of() : topics;
        entities = entities == null ? List.of() : entities;
        metadata = metadata == null ? Map.of() : metadata;
    }

    public static IndexFilter owner(String tenantId, String userId) {
        return new IndexFilter(tenantId, userId, null, List.of(), List.of(), Map.of(), Long.MIN_VALUE, Long.MAX_VALUE);
    }
}

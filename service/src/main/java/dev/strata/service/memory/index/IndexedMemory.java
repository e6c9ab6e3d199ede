package dev.strata.service.memory.index;

import java.util.List;
import java.util.Map;

/**
 * What the index keeps of a memory: enough to filter and rank, plus the row's version so a
 * consistency check can tell a stale entry; PostgreSQL keeps the rest.
 */
public record IndexedMemory(String id, String tenantId, String userId, String sessionId, String text,
                            List<String> topics, List<String> entities, Map<String, String> scalarMetadata,
                            long createdAtMs, long version, float[] vector) { }

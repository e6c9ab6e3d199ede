package dev.strata.service.memory.longterm;

import java.util.List;
import java.util.Map;

/** One memory to write, as a client sends it; {@link MemoryRules} validates it. */
public record MemoryInput(String userId, String sessionId, String text, List<String> topics, List<String> entities,
                          Double importance, Map<String, Object> metadata) {

    public MemoryInput {
        topics = topics == null ? List.of() : topics;
        entities = entities == null ? List.of() : entities;
        metadata = metadata == null ? Map.of() : metadata;
    }
}

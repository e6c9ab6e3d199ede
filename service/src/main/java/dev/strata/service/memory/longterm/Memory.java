package dev.strata.service.memory.longterm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** A long-term memory as the API shows it (the embedding stays inside the server). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Memory(String id, String userId, String sessionId, String text, List<String> topics, List<String> entities,
                     double importance, JsonNode metadata, String duplicateOf, int mergedCount, long version,
                     Instant createdAt, Instant updatedAt) { }

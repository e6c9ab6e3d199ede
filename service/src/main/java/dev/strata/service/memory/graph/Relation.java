package dev.strata.service.memory.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A typed edge between two entities of the same user ({@code user → prefers → product}). */
public record Relation(String id, String userId, String sourceId, String sourceName, String relation, String targetId,
                       String targetName, JsonNode attributes, Instant createdAt) { }

package dev.strata.service.memory.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A node of a user's knowledge graph (a person, a product, a place…). */
public record Entity(String id, String userId, String name, String type, String description, JsonNode attributes,
                     Instant createdAt, Instant updatedAt) { }

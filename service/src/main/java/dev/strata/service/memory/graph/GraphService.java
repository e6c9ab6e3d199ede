package dev.strata.service.memory.graph;

import dev.strata.service.api.ApiException;
import dev.strata.service.memory.MemoryRules;
import dev.strata.service.memory.embedding.EmbeddingBatcher;
import dev.strata.service.memory.embedding.Vectors;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** A small knowledge graph per user: entities found by name or by meaning, and relations between them. */
@Service
public class GraphService {

    private static final Pattern RELATION = Pattern.compile("[a-z][a-z0-9_:-]{0,63}");
    private static final int MAX_NAME = 200;
    private static final int MAX_DESCRIPTION = 2000;

    private final GraphRepository repository;
    private final EmbeddingBatcher embeddings;

    public GraphService(GraphRepository repository, EmbeddingBatcher embeddings) {
        this.repository = repository;
        this.embeddings = embeddings;
    }

    public record EntityInput(String userId, String name, String type, String description, Map<String, Object> attributes) { }

    public GraphRepository.Upserted upsert(String tenantId, EntityInput in) {
        String userId = MemoryRules.id("userId", in.userId());
        String name = MemoryRules.text("name", in.name(), MAX_NAME).strip();
        String type = in.type() == null ? "thing" : MemoryRules.labels("type", List.of(in.type())).get(0);
        String description = in.description() == null ? "" : in.description().strip();
        if (description.length() > MAX_DESCRIPTION) {
            throw ApiException.badRequest("invalid-description", "'description' is longer than " + MAX_DESCRIPTION + " characters.");
        }
        float[] vector = embeddings.embedOne(embeddingText(name, type, description));
        return repository.upsert(UUID.randomUUID().toString(), tenantId, userId, name, type, description, in.attributes(), vector);
    }

    static String embeddingText(String name, String type, String description) {
        return description.isEmpty() ? name + " (" + type + ")" : name + " (" + type + "): " + description;
    }

    public Entity get(String tenantId, String id) {
        return repository.find(tenantId, id).orElseThrow(() -> ApiException.notFound("No entity " + id + "."));
    }

    public record Found(Entity entity, Double similarity) { }

    /** By name (case-insensitive substring) or by meaning ({@code query}); one of the two is required. */
    public List<Found> search(String tenantId, String userId, String name, String query, String type, int limit) {
        MemoryRules.id("userId", userId);
        if ((name == null) == (query == null)) {
            throw ApiException.badRequest("invalid-search", "Give exactly one of 'name' (substring) or 'query' (meaning).");
        }
        if (name != null) {
            MemoryRules.text("name", name, MAX_NAME);
            return repository.byName(tenantId, userId, name, type, limit).stream().map(e -> new Found(e, null)).toList();
        }
        float[] vector = embeddings.embedOne(MemoryRules.text("query", query, MAX_DESCRIPTION));
        return repository.withVectors(tenantId, userId, type).stream()
                .map(e -> new Found(e.entity(), Math.round(Vectors.dot(vector, e.vector()) * 10_000) / 10_000.0))
                .sorted(Comparator.comparingDouble(Found::similarity).reversed())
                .limit(limit).toList();
    }

    public void deleteEntity(String tenantId, String id) {
        if (!repository.deleteEntity(tenantId, id)) {
            throw ApiException.notFound("No entity " + id + ".");
        }
    }

    public record RelationInput(String userId, String sourceId, String relation, String targetId, Map<String, Object> attributes) { }

    public record Linked(Relation relation, boolean created) { }

    /** Links two entities of the same user; an existing identical edge is returned as is. */
    public Linked relate(String tenantId, RelationInput in) {
        String userId = MemoryRules.id("userId", in.userId());
        if (in.relation() == null || !RELATION.matcher(in.relation()).matches()) {
            throw ApiException.badRequest("invalid-relation", "'relation' must be 1-64 of a-z 0-9 _ : - starting with a letter (e.g. prefers, works_at).");
        }
        for (String id : new String[] {in.sourceId(), in.targetId()}) {
            Entity entity = id == null ? null : repository.find(tenantId, id).orElse(null);
            if (entity == null || !entity.userId().equals(userId)) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-entity", "Unknown entity",
                        "Entity " + id + " is not an entity of user " + userId + ".");
            }
        }
        return repository.insertRelation(UUID.randomUUID().toString(), tenantId, userId, in.sourceId(), in.relation(), in.targetId(), in.attributes())
                .map(r -> new Linked(r, true))
                .orElseGet(() -> new Linked(repository.findEdge(tenantId, in.sourceId(), in.relation(), in.targetId()).orElseThrow(), false));
    }

    public List<Relation> relations(String tenantId, String userId, String entityId) {
        return repository.relations(tenantId, MemoryRules.id("userId", userId), entityId);
    }

    public void deleteRelation(String tenantId, String id) {
        if (!repository.deleteRelation(tenantId, id)) {
            throw ApiException.notFound("No relation " + id + ".");
        }
    }
}

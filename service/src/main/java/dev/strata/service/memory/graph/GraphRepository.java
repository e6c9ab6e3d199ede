package dev.strata.service.memory.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.service.memory.embedding.Vectors;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Entities and relations in PostgreSQL; every statement is scoped by tenant. */
@Repository
public class GraphRepository {

    private static final String ENTITY_COLUMNS = "id, user_id, name, type, description, attributes::text AS attributes, created_at, updated_at";
    private static final String RELATION_SELECT = """
            SELECT r.id, r.user_id, r.source_id, s.name AS source_name, r.relation, r.target_id, t.name AS target_name,
                   r.attributes::text AS attributes, r.created_at
            FROM memory_relations r JOIN memory_entities s ON s.id = r.source_id JOIN memory_entities t ON t.id = r.target_id
            """;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public GraphRepository(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Inserts the entity, or merges into the user's entity of the same type and name; true when it was new. */
    public record Upserted(Entity entity, boolean created) { }

    public Upserted upsert(String id, String tenantId, String userId, String name, String type, String description,
                           Map<String, Object> attributes, float[] embedding) {
        return jdbc.queryForObject("""
                INSERT INTO memory_entities (id, tenant_id, user_id, name, type, description, attributes, embedding)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?)
                ON CONFLICT (tenant_id, user_id, type, lower(name)) DO UPDATE SET
                    description = CASE WHEN EXCLUDED.description = '' THEN memory_entities.description ELSE EXCLUDED.description END,
                    attributes = memory_entities.attributes || EXCLUDED.attributes,
                    embedding = CASE WHEN EXCLUDED.description = '' THEN memory_entities.embedding ELSE EXCLUDED.embedding END,
                    updated_at = now()
                RETURNING\s""" + ENTITY_COLUMNS + ", (xmax = 0) AS inserted",
                (rs, row) -> new Upserted(entity(rs, row), rs.getBoolean("inserted")),
                id, tenantId, userId, name, type, description, write(attributes), Vectors.toBytes(embedding));
    }

    public Optional<Entity> find(String tenantId, String id) {
        return jdbc.query("SELECT " + ENTITY_COLUMNS + " FROM memory_entities WHERE tenant_id = ? AND id = ?", this::entity, tenantId, id)
                .stream().findFirst();
    }

    public List<Entity> byName(String tenantId, String userId, String namePart, String type, int limit) {
        String pattern = "%" + namePart.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.query("SELECT " + ENTITY_COLUMNS + " FROM memory_entities WHERE tenant_id = ? AND user_id = ? AND name ILIKE ?"
                        + (type == null ? "" : " AND type = ?") + " ORDER BY length(name), name LIMIT ?", this::entity,
                type == null ? new Object[] {tenantId, userId, pattern, limit} : new Object[] {tenantId, userId, pattern, type, limit});
    }

    public record WithVector(Entity entity, float[] vector) { }

    /** Every entity of the user with its vector (a user's graph is small: a scan beats an index here). */
    public List<WithVector> withVectors(String tenantId, String userId, String type) {
        return jdbc.query("SELECT " + ENTITY_COLUMNS + ", embedding FROM memory_entities WHERE tenant_id = ? AND user_id = ?"
                        + (type == null ? "" : " AND type = ?") + " LIMIT 20000",
                (rs, row) -> new WithVector(entity(rs, row), Vectors.fromBytes(rs.getBytes("embedding"))),
                type == null ? new Object[] {tenantId, userId} : new Object[] {tenantId, userId, type});
    }

    public List<Entity> ofUser(String tenantId, String userId) {
        return jdbc.query("SELECT " + ENTITY_COLUMNS + " FROM memory_entities WHERE tenant_id = ? AND user_id = ? ORDER BY created_at, id",
                this::entity, tenantId, userId);
    }

    public boolean deleteEntity(String tenantId, String id) {
        return jdbc.update("DELETE FROM memory_entities WHERE tenant_id = ? AND id = ?", tenantId, id) > 0;
    }

    public Optional<Relation> insertRelation(String id, String tenantId, String userId, String sourceId, String relation, String targetId,
                                             Map<String, Object> attributes) {
        int inserted = jdbc.update("""
                INSERT INTO memory_relations (id, tenant_id, user_id, source_id, relation, target_id, attributes)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT (source_id, relation, target_id) DO NOTHING""",
                id, tenantId, userId, sourceId, relation, targetId, write(attributes));
        return inserted == 0 ? Optional.empty() : findRelation(tenantId, id);
    }

    public Optional<Relation> findRelation(String tenantId, String id) {
        return jdbc.query(RELATION_SELECT + " WHERE r.tenant_id = ? AND r.id = ?", this::relation, tenantId, id).stream().findFirst();
    }

    public Optional<Relation> findEdge(String tenantId, String sourceId, String relation, String targetId) {
        return jdbc.query(RELATION_SELECT + " WHERE r.tenant_id = ? AND r.source_id = ? AND r.relation = ? AND r.target_id = ?",
                this::relation, tenantId, sourceId, relation, targetId).stream().findFirst();
    }

    /** Relations of a user, or only those touching one entity. */
    public List<Relation> relations(String tenantId, String userId, String entityId) {
        if (entityId == null) {
            return jdbc.query(RELATION_SELECT + " WHERE r.tenant_id = ? AND r.user_id = ? ORDER BY r.created_at, r.id", this::relation, tenantId, userId);
        }
        return jdbc.query(RELATION_SELECT + " WHERE r.tenant_id = ? AND r.user_id = ? AND (r.source_id = ? OR r.target_id = ?) ORDER BY r.created_at, r.id",
                this::relation, tenantId, userId, entityId, entityId);
    }

    public boolean deleteRelation(String tenantId, String id) {
        return jdbc.update("DELETE FROM memory_relations WHERE tenant_id = ? AND id = ?", tenantId, id) > 0;
    }

    private Entity entity(ResultSet rs, int row) throws SQLException {
        return new Entity(rs.getString("id"), rs.getString("user_id"), rs.getString("name"), rs.getString("type"), rs.getString("description"),
                read(rs.getString("attributes")), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    private Relation relation(ResultSet rs, int row) throws SQLException {
        return new Relation(rs.getString("id"), rs.getString("user_id"), rs.getString("source_id"), rs.getString("source_name"),
                rs.getString("relation"), rs.getString("target_id"), rs.getString("target_name"), read(rs.getString("attributes")),
                rs.getTimestamp("created_at").toInstant());
    }

    private String write(Map<String, Object> value) {
        try {
            return json.writeValueAsString(value == null ? Map.of() : value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

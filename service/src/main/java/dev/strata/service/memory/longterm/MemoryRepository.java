package dev.strata.service.memory.longterm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** Long-term memories and their history in PostgreSQL. Every statement is scoped by tenant. */
@Repository
public class MemoryRepository {

    static final String COLUMNS = "id, user_id, session_id, text, topics, entities, importance, metadata::text AS metadata, "
            + "duplicate_of, merged_count, version, created_at, updated_at";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;

    public MemoryRepository(JdbcTemplate jdbc, TransactionTemplate transactions, ObjectMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
    }

    /** A row to insert, embedding and hash included. */
    public record NewMemory(String id, String tenantId, MemoryInput input, double importance, byte[] textHash, byte[] embedding,
                            String duplicateOf, Instant createdAt) { }

    /**
     * Runs {@code work} in one transaction that first takes a PostgreSQL advisory lock on this user's
     * memories (released at commit). Writers of the same user on every instance queue here, so each
     * one's duplicate check sees what the previous one committed.
     */
    public <T> T inUserWriteLock(String tenantId, String userId, java.util.function.Supplier<T> work) {
        return transactions.execute(status -> {
            jdbc.queryForObject("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(?, 0))) AS locked", Integer.class,
                    // '/' occurs in neither tenant nor user ids, so the key text is unique per user.
                    "strata-memories/" + tenantId + '/' + userId);
            return work.get();
        });
    }

    public Optional<String> findExact(String tenantId, String userId, byte[] textHash) {
        return jdbc.queryForList("SELECT id FROM memories WHERE tenant_id = ? AND user_id = ? AND text_hash = ?", String.class,
                tenantId, userId, textHash).stream().findFirst();
    }

    /** Inserts the memory and its first history entry; empty when an exact duplicate won a race. */
    public Optional<String> insert(NewMemory memory) {
        return transactions.execute(status -> {
            MemoryInput in = memory.input();
            Timestamp created = Timestamp.from(memory.createdAt() == null ? Instant.now() : memory.createdAt());
            List<String> ids = jdbc.queryForList("""
                    INSERT INTO memories (id, tenant_id, user_id, session_id, text, text_hash, topics, entities, importance, metadata,
                                          embedding, duplicate_of, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?::text[], ?::text[], ?, ?::jsonb, ?, ?, ?, ?)
                    ON CONFLICT (tenant_id, user_id, text_hash) DO NOTHING RETURNING id""", String.class,
                    memory.id(), memory.tenantId(), in.userId(), in.sessionId(), in.text(), memory.textHash(), in.topics().toArray(String[]::new),
                    in.entities().toArray(String[]::new), memory.importance(), json(in.metadata()), memory.embedding(), memory.duplicateOf(),
                    created, created);
            if (ids.isEmpty()) {
                return Optional.<String>empty();
            }
            history(memory.id(), 1, memory.duplicateOf() == null ? "created" : "created-linked", in.text(), in.topics(), in.metadata());
            return Optional.of(memory.id());
        });
    }

    /**
     * Folds a duplicate into an existing memory: topics and entities are united, the higher
     * importance and the union of metadata kept, and the duplicate's text recorded in the history.
     */
    public boolean merge(String tenantId, String id, MemoryInput duplicate, double importance, String event) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            List<Long> versions = jdbc.queryForList("""
                    UPDATE memories SET topics = ARRAY(SELECT DISTINCT unnest(topics || ?::text[])),
                                        entities = ARRAY(SELECT DISTINCT unnest(entities || ?::text[])),
                                        importance = GREATEST(importance, ?), metadata = metadata || ?::jsonb,
                                        merged_count = merged_count + 1, version = version + 1, updated_at = now()
                    WHERE tenant_id = ? AND id = ? RETURNING version""", Long.class,
                    duplicate.topics().toArray(String[]::new), duplicate.entities().toArray(String[]::new), importance,
                    json(duplicate.metadata()), tenantId, id);
            if (versions.isEmpty()) {
                return false;
            }
            history(id, versions.get(0), event, duplicate.text(), duplicate.topics(), duplicate.metadata());
            return true;
        }));
    }

    /** Replaces the given fields (null = keep); the new state becomes a history entry. */
    public Optional<Memory> update(String tenantId, String id, String text, byte[] textHash, byte[] embedding, List<String> topics,
                                   List<String> entities, Double importance, Map<String, Object> metadata) {
        return transactions.execute(status -> {
            List<Memory> updated = jdbc.query("""
                    UPDATE memories SET text = COALESCE(?, text), text_hash = COALESCE(?, text_hash), embedding = COALESCE(?, embedding),
                                        topics = COALESCE(?::text[], topics), entities = COALESCE(?::text[], entities),
                                        importance = COALESCE(?, importance), metadata = COALESCE(?::jsonb, metadata),
                                        version = version + 1, updated_at = now()
                    WHERE tenant_id = ? AND id = ? RETURNING\s""" + COLUMNS, this::memory,
                    text, textHash, embedding, topics == null ? null : topics.toArray(String[]::new),
                    entities == null ? null : entities.toArray(String[]::new), importance, metadata == null ? null : json(metadata), tenantId, id);
            if (updated.isEmpty()) {
                return Optional.<Memory>empty();
            }
            Memory memory = updated.get(0);
            jdbc.update("INSERT INTO memory_history (memory_id, version, event, text, topics, metadata) VALUES (?, ?, 'updated', ?, ?::text[], ?::jsonb)",
                    id, memory.version(), memory.text(), memory.topics().toArray(String[]::new), memory.metadata().toString());
            return Optional.of(memory);
        });
    }

    public Optional<Memory> find(String tenantId, String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM memories WHERE tenant_id = ? AND id = ?", this::memory, tenantId, id).stream().findFirst();
    }

    /** Memories of these ids that belong to this tenant and user (others are silently absent). */
    public List<Memory> findAll(String tenantId, String userId, List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.query("SELECT " + COLUMNS + " FROM memories WHERE tenant_id = ? AND user_id = ? AND id = ANY(?::text[])", this::memory,
                tenantId, userId, ids.toArray(String[]::new));
    }

    public List<Memory> recent(String tenantId, String userId, int limit) {
        return page(tenantId, userId, 0, limit);
    }

    /** The user's memories, newest first. */
    public List<Memory> page(String tenantId, String userId, int offset, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM memories WHERE tenant_id = ? AND user_id = ? ORDER BY created_at DESC, id OFFSET ? LIMIT ?",
                this::memory, tenantId, userId, offset, limit);
    }

    /** Every memory of the user, oldest first (export). */
    public List<Memory> ofUser(String tenantId, String userId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM memories WHERE tenant_id = ? AND user_id = ? ORDER BY created_at, id",
                this::memory, tenantId, userId);
    }

    public record HistoryEntry(long version, String event, String text, List<String> topics, JsonNode metadata, Instant at) { }

    public List<HistoryEntry> history(String id) {
        return jdbc.query("SELECT version, event, text, topics, metadata::text, at FROM memory_history WHERE memory_id = ? ORDER BY at, version",
                (rs, row) -> new HistoryEntry(rs.getLong(1), rs.getString(2), rs.getString(3), strings(rs, 4), tree(rs.getString(5)),
                        rs.getTimestamp(6).toInstant()), id);
    }

    public boolean delete(String tenantId, String id) {
        return jdbc.update("DELETE FROM memories WHERE tenant_id = ? AND id = ?", tenantId, id) > 0;
    }

    /** A memory to delete only if it still has the version that was seen. */
    public record Seen(String tenantId, String id, long version) { }

    /**
     * Deletes each memory that still has the version seen (one rewritten meanwhile survives); returns
     * the ids actually deleted. The change-feed trigger records each deletion for every instance's index.
     */
    public List<String> deleteUnchanged(List<Seen> memories) {
        if (memories.isEmpty()) {
            return List.of();
        }
        int[][] counts = jdbc.batchUpdate("DELETE FROM memories WHERE tenant_id = ? AND id = ? AND version = ?", memories, memories.size(),
                (statement, seen) -> {
                    statement.setString(1, seen.tenantId());
                    statement.setString(2, seen.id());
                    statement.setLong(3, seen.version());
                });
        List<String> deleted = new java.util.ArrayList<>();
        for (int i = 0; i < memories.size(); i++) {
            if (counts[0][i] > 0) {
                deleted.add(memories.get(i).id());
            }
        }
        return deleted;
    }

    private void history(String id, long version, String event, String text, List<String> topics, Map<String, Object> metadata) {
        jdbc.update("INSERT INTO memory_history (memory_id, version, event, text, topics, metadata) VALUES (?, ?, ?, ?, ?::text[], ?::jsonb)",
                id, version, event, text, topics.toArray(String[]::new), json(metadata));
    }

    Memory memory(ResultSet rs, int row) throws SQLException {
        return new Memory(rs.getString("id"), rs.getString("user_id"), rs.getString("session_id"), rs.getString("text"),
                strings(rs, "topics"), strings(rs, "entities"), rs.getDouble("importance"), tree(rs.getString("metadata")),
                rs.getString("duplicate_of"), rs.getInt("merged_count"), rs.getLong("version"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    static List<String> strings(ResultSet rs, String column) throws SQLException {
        java.sql.Array array = rs.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    static List<String> strings(ResultSet rs, int column) throws SQLException {
        java.sql.Array array = rs.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    String json(Map<String, Object> value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metadata is not serializable", e);
        }
    }

    JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }
}

package dev.strata.service.tenant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Tenants and API keys in PostgreSQL. */
@Repository
public class TenantRepository {

    private final JdbcTemplate jdbc;

    public TenantRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates a tenant; empty when the id is taken. */
    public Optional<Tenant> create(String id, String name, Integer rateLimitPerSecond) {
        try {
            return Optional.of(jdbc.queryForObject(
                    "INSERT INTO tenants (id, name, rate_limit_per_second) VALUES (?, ?, ?) RETURNING id, name, rate_limit_per_second, created_at",
                    TenantRepository::tenant, id, name, rateLimitPerSecond));
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
    }

    public Optional<Tenant> find(String id) {
        return jdbc.query("SELECT id, name, rate_limit_per_second, created_at FROM tenants WHERE id = ?", TenantRepository::tenant, id)
                .stream().findFirst();
    }

    public List<Tenant> list() {
        return jdbc.query("SELECT id, name, rate_limit_per_second, created_at FROM tenants ORDER BY id", TenantRepository::tenant);
    }

    /**
     * Deletes the tenant and, by cascade, its keys, items and semantic memory, and counts what went.
     * One statement: the counts come from the same snapshot the delete works on, and the foreign keys
     * keep concurrent writers from adding rows meanwhile. Empty when the tenant did not exist.
     */
    public Optional<Map<String, Long>> deleteCounting(String id) {
        List<Map<String, Long>> rows = jdbc.query("""
                WITH n_items AS (SELECT count(*) AS n FROM kv_items WHERE tenant_id = ?),
                     n_memories AS (SELECT count(*) AS n FROM memories WHERE tenant_id = ?),
                     n_history AS (SELECT count(*) AS n FROM memory_history h JOIN memories m ON m.id = h.memory_id
                                   WHERE m.tenant_id = ?),
                     n_sessions AS (SELECT count(*) AS n FROM memory_sessions WHERE tenant_id = ?),
                     n_messages AS (SELECT count(*) AS n FROM memory_session_messages WHERE tenant_id = ?),
                     n_entities AS (SELECT count(*) AS n FROM memory_entities WHERE tenant_id = ?),
                     n_relations AS (SELECT count(*) AS n FROM memory_relations WHERE tenant_id = ?),
                     gone AS (DELETE FROM tenants WHERE id = ? RETURNING 1)
                SELECT (SELECT n FROM n_items) AS items, (SELECT n FROM n_memories) AS memories,
                       (SELECT n FROM n_history) AS history, (SELECT n FROM n_sessions) AS sessions,
                       (SELECT n FROM n_messages) AS messages, (SELECT n FROM n_entities) AS entities,
                       (SELECT n FROM n_relations) AS relations, (SELECT count(*) FROM gone) AS deleted
                """, (rs, rowNum) -> {
                    Map<String, Long> counts = new LinkedHashMap<>();
                    counts.put("durableItems", rs.getLong("items"));
                    counts.put("memories", rs.getLong("memories"));
                    counts.put("memoryHistoryEntries", rs.getLong("history"));
                    counts.put("sessions", rs.getLong("sessions"));
                    counts.put("sessionMessages", rs.getLong("messages"));
                    counts.put("entities", rs.getLong("entities"));
                    counts.put("relations", rs.getLong("relations"));
                    counts.put("deleted", rs.getLong("deleted"));
                    return counts;
                }, id, id, id, id, id, id, id, id);
        Map<String, Long> counts = rows.getFirst();
        return counts.remove("deleted") > 0 ? Optional.of(counts) : Optional.empty();
    }

    /** @param expiresAt when the key stops working, or null for never (until revoked) */
    public ApiKeyInfo insertKey(String keyId, String tenantId, String name, byte[] keyHash, Instant expiresAt) {
        return jdbc.queryForObject("INSERT INTO api_keys (id, tenant_id, name, key_hash, expires_at) VALUES (?, ?, ?, ?, ?) "
                        + "RETURNING id, tenant_id, name, created_at, revoked_at, expires_at",
                TenantRepository::key, keyId, tenantId, name, keyHash, expiresAt == null ? null : Timestamp.from(expiresAt));
    }

    public List<ApiKeyInfo> keys(String tenantId) {
        return jdbc.query("SELECT id, tenant_id, name, created_at, revoked_at, expires_at FROM api_keys WHERE tenant_id = ? ORDER BY created_at",
                TenantRepository::key, tenantId);
    }

    /** Marks the key revoked; false when the tenant has no such active key. */
    public boolean revokeKey(String tenantId, String keyId) {
        return jdbc.update("UPDATE api_keys SET revoked_at = now() WHERE tenant_id = ? AND id = ? AND revoked_at IS NULL",
                tenantId, keyId) > 0;
    }

    /** An active key's tenant and end of validity (null: none). */
    public record KeyGrant(String tenantId, Instant expiresAt) { }

    /** The grant of a key with this hash that is neither revoked nor expired. */
    public Optional<KeyGrant> grantOfKey(byte[] keyHash) {
        return jdbc.query("SELECT tenant_id, expires_at FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL "
                        + "AND (expires_at IS NULL OR expires_at > now())",
                (rs, n) -> new KeyGrant(rs.getString(1), instant(rs.getTimestamp(2))), (Object) keyHash).stream().findFirst();
    }

    private static Tenant tenant(ResultSet rs, int row) throws SQLException {
        int limit = rs.getInt(3);
        Integer rateLimit = rs.wasNull() ? null : limit;
        return new Tenant(rs.getString(1), rs.getString(2), rateLimit, instant(rs.getTimestamp(4)));
    }

    private static ApiKeyInfo key(ResultSet rs, int row) throws SQLException {
        return new ApiKeyInfo(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)),
                instant(rs.getTimestamp(6)));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}

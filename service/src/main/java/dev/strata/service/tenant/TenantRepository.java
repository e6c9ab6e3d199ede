package dev.strata.service.tenant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
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

    /** Deletes the tenant and, by cascade, its keys and items; returns false when it did not exist. */
    public boolean delete(String id) {
        return jdbc.update("DELETE FROM tenants WHERE id = ?", id) > 0;
    }

    public ApiKeyInfo insertKey(String keyId, String tenantId, String name, byte[] keyHash) {
        return jdbc.queryForObject(
                "INSERT INTO api_keys (id, tenant_id, name, key_hash) VALUES (?, ?, ?, ?) RETURNING id, tenant_id, name, created_at, revoked_at",
                TenantRepository::key, keyId, tenantId, name, keyHash);
    }

    public List<ApiKeyInfo> keys(String tenantId) {
        return jdbc.query("SELECT id, tenant_id, name, created_at, revoked_at FROM api_keys WHERE tenant_id = ? ORDER BY created_at",
                TenantRepository::key, tenantId);
    }

    /** Marks the key revoked; false when the tenant has no such active key. */
    public boolean revokeKey(String tenantId, String keyId) {
        return jdbc.update("UPDATE api_keys SET revoked_at = now() WHERE tenant_id = ? AND id = ? AND revoked_at IS NULL",
                tenantId, keyId) > 0;
    }

    /** The tenant owning an active key with this hash. */
    public Optional<String> tenantOfKey(byte[] keyHash) {
        return jdbc.query("SELECT tenant_id FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL",
                (rs, n) -> rs.getString(1), (Object) keyHash).stream().findFirst();
    }

    private static Tenant tenant(ResultSet rs, int row) throws SQLException {
        int limit = rs.getInt(3);
        Integer rateLimit = rs.wasNull() ? null : limit;
        return new Tenant(rs.getString(1), rs.getString(2), rateLimit, instant(rs.getTimestamp(4)));
    }

    private static ApiKeyInfo key(ResultSet rs, int row) throws SQLException {
        return new ApiKeyInfo(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}

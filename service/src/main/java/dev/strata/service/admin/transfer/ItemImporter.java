package dev.strata.service.admin.transfer;

import dev.strata.service.kv.ItemKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import javax.sql.DataSource;

/**
 * Writes imported items to PostgreSQL, one transaction per batch, keeping each item's version and
 * expiry. An item is written only when the target has no newer or equal version, which makes an
 * import idempotent (a second run changes nothing, not even updated_at) and never rolls back a newer
 * write made on the target.
 */
final class ItemImporter {

    private static final String UPSERT = """
            INSERT INTO kv_items (tenant_id, namespace, item_key, value, version, expires_at, updated_at)
            SELECT t, n, k, v, ver, exp, now()
              FROM unnest(?::text[], ?::text[], ?::text[], ?::bytea[], ?::int8[], ?::timestamptz[]) AS u(t, n, k, v, ver, exp)
            ON CONFLICT (tenant_id, namespace, item_key) DO UPDATE
               SET value = EXCLUDED.value, version = EXCLUDED.version, expires_at = EXCLUDED.expires_at, updated_at = now()
             WHERE kv_items.version < EXCLUDED.version
            RETURNING tenant_id, namespace, item_key, version""";

    private final DataSource dataSource;

    ItemImporter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates the manifest's tenants that the target lacks; returns how many were created. */
    int ensureTenants(List<Manifest.TenantEntry> tenants) throws SQLException {
        int created = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "INSERT INTO tenants (id, name, rate_limit_per_second) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
            for (Manifest.TenantEntry tenant : tenants) {
                statement.setString(1, tenant.id());
                statement.setString(2, tenant.name());
                statement.setObject(3, tenant.rateLimitPerSecond(), java.sql.Types.INTEGER);
                created += statement.executeUpdate();
            }
        }
        return created;
    }

    /** Writes one batch in one transaction; returns the keys that changed with their new versions. */
    java.util.Map<ItemKey, Long> write(List<ExportRecord> batch) throws SQLException {
        int n = batch.size();
        String[] tenants = new String[n];
        String[] namespaces = new String[n];
        String[] keys = new String[n];
        byte[][] values = new byte[n][];
        Long[] versions = new Long[n];
        Timestamp[] expiries = new Timestamp[n];
        for (int i = 0; i < n; i++) {
            ExportRecord record = batch.get(i);
            tenants[i] = record.tenant();
            namespaces[i] = record.namespace();
            keys[i] = record.key();
            values[i] = record.valueBytes();
            versions[i] = record.version();
            expiries[i] = record.expiresAt() == null ? null : new Timestamp(record.expiresAt());
        }
        java.util.Map<ItemKey, Long> changed = new java.util.LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
                statement.setArray(1, connection.createArrayOf("text", tenants));
                statement.setArray(2, connection.createArrayOf("text", namespaces));
                statement.setArray(3, connection.createArrayOf("text", keys));
                statement.setArray(4, connection.createArrayOf("bytea", values));
                statement.setArray(5, connection.createArrayOf("int8", versions));
                statement.setArray(6, connection.createArrayOf("timestamptz", expiries));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        changed.put(new ItemKey(rows.getString(1), rows.getString(2), rows.getString(3)), rows.getLong(4));
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
        return changed;
    }
}

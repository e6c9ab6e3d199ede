package dev.strata.service.tier.durable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** The namespaces a tenant uses, in order: for the console's browser ({@code GET /v1/kv}). */
final class NamespaceListing {

    /**
     * A loose index scan over the primary key (tenant, namespace, key): one index probe per
     * namespace, so a namespace with millions of keys costs no more than one with a single key,
     * where {@code SELECT DISTINCT} would read every row. A namespace whose items have all expired
     * but are not yet purged is skipped by the expiry condition.
     */
    private static final String SQL = """
            WITH RECURSIVE ns(namespace) AS (
              (SELECT namespace FROM kv_items
                WHERE tenant_id = ? AND namespace > ? AND (expires_at IS NULL OR expires_at > ?)
                ORDER BY namespace LIMIT 1)
              UNION ALL
              SELECT (SELECT k.namespace FROM kv_items k
                       WHERE k.tenant_id = ? AND k.namespace > ns.namespace AND (k.expires_at IS NULL OR k.expires_at > ?)
                       ORDER BY k.namespace LIMIT 1)
                FROM ns WHERE ns.namespace IS NOT NULL
            )
            SELECT namespace FROM ns WHERE namespace IS NOT NULL LIMIT ?""";

    private NamespaceListing() {
    }

    static List<String> after(Connection connection, String tenant, String afterNamespace, int limit, long nowMs) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SQL)) {
            Timestamp now = new Timestamp(nowMs);
            statement.setString(1, tenant);
            statement.setString(2, afterNamespace);
            statement.setTimestamp(3, now);
            statement.setString(4, tenant);
            statement.setTimestamp(5, now);
            statement.setInt(6, limit);
            List<String> namespaces = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    namespaces.add(rows.getString(1));
                }
            }
            return namespaces;
        }
    }
}

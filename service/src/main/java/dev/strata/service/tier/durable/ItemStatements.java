package dev.strata.service.tier.durable;

import dev.strata.service.kv.ItemKey;
import dev.strata.service.kv.StoredItem;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SQL of the durable tier, executed on a connection whose transaction the caller owns. Every
 * statement names the tenant in its WHERE clause or primary key: isolation holds at this layer.
 * Expiry is judged with the application's clock ({@code nowMs}) so all tiers agree on it.
 */
final class ItemStatements {

    private static final String UPSERT = """
            INSERT INTO kv_items (tenant_id, namespace, item_key, value, version, expires_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, now())
            ON CONFLICT (tenant_id, namespace, item_key) DO UPDATE
               SET value = EXCLUDED.value, version = GREATEST(kv_items.version + 1, EXCLUDED.version),
                   expires_at = EXCLUDED.expires_at, updated_at = now()
            RETURNING version""";

    /** One statement upserting many rows given as parallel arrays. */
    private static final String UPSERT_MANY = """
            INSERT INTO kv_items (tenant_id, namespace, item_key, value, version, expires_at, updated_at)
            SELECT t, n, k, v, ver, exp, now()
              FROM unnest(?::text[], ?::text[], ?::text[], ?::bytea[], ?::int8[], ?::timestamptz[]) AS u(t, n, k, v, ver, exp)
            ON CONFLICT (tenant_id, namespace, item_key) DO UPDATE
               SET value = EXCLUDED.value, version = GREATEST(kv_items.version + 1, EXCLUDED.version),
                   expires_at = EXCLUDED.expires_at, updated_at = now()
            RETURNING tenant_id, namespace, item_key, version""";

    private static final String INSERT_IF_ABSENT = """
            INSERT INTO kv_items (tenant_id, namespace, item_key, value, version, expires_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, now())
            ON CONFLICT (tenant_id, namespace, item_key) DO UPDATE
               SET value = EXCLUDED.value, version = GREATEST(kv_items.version + 1, EXCLUDED.version),
                   expires_at = EXCLUDED.expires_at, updated_at = now()
             WHERE kv_items.expires_at IS NOT NULL AND kv_items.expires_at <= ?
            RETURNING version""";

    private static final String UPDATE_IF = """
            UPDATE kv_items
               SET value = ?, version = GREATEST(version + 1, ?), expires_at = ?, updated_at = now()
             WHERE tenant_id = ? AND namespace = ? AND item_key = ?
               AND (expires_at IS NULL OR expires_at > ?)
               AND (? OR version = ?)
            RETURNING version""";

    private static final String DELETE_IF = """
            DELETE FROM kv_items
             WHERE tenant_id = ? AND namespace = ? AND item_key = ?
               AND (? OR version = ?)
            RETURNING version, expires_at""";

    static final String SELECT = """
            SELECT value, version, expires_at FROM kv_items
             WHERE tenant_id = ? AND namespace = ? AND item_key = ?
               AND (expires_at IS NULL OR expires_at > ?)""";

    private ItemStatements() {
    }

    /**
     * Applies many writes in order on one connection. Runs of unconditional puts to distinct keys
     * go to PostgreSQL as one multi-row statement: the group committer's throughput was bound by
     * one round trip and one statement execution per write (DurableWriteBenchmark); everything else
     * is executed one statement at a time.
     */
    static List<WriteResult> applyAll(Connection connection, List<WriteOp> ops, long nowMs) throws SQLException {
        List<WriteResult> results = new ArrayList<>(ops.size());
        int i = 0;
        while (i < ops.size()) {
            Set<ItemKey> keys = new HashSet<>();
            int runEnd = i;
            while (runEnd < ops.size() && ops.get(runEnd) instanceof WriteOp.Put put
                    && put.precondition() instanceof Precondition.None && keys.add(put.key())) {
                runEnd++;
            }
            if (runEnd - i >= 2) {
                results.addAll(upsertMany(connection, ops.subList(i, runEnd)));
                i = runEnd;
            } else {
                results.add(apply(connection, ops.get(i), nowMs));
                i++;
            }
        }
        return results;
    }

    private static List<WriteResult> upsertMany(Connection connection, List<WriteOp> puts) throws SQLException {
        int n = puts.size();
        String[] tenants = new String[n];
        String[] namespaces = new String[n];
        String[] keys = new String[n];
        byte[][] values = new byte[n][];
        Long[] versions = new Long[n];
        Timestamp[] expiries = new Timestamp[n];
        Map<ItemKey, Integer> positions = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            WriteOp.Put put = (WriteOp.Put) puts.get(i);
            tenants[i] = put.key().tenant();
            namespaces[i] = put.key().namespace();
            keys[i] = put.key().key();
            values[i] = put.value();
            versions[i] = put.proposedVersion();
            expiries[i] = put.expiresAtMs() == 0 ? null : new Timestamp(put.expiresAtMs());
            positions.put(put.key(), i);
        }
        try (PreparedStatement statement = connection.prepareStatement(UPSERT_MANY)) {
            statement.setArray(1, connection.createArrayOf("text", tenants));
            statement.setArray(2, connection.createArrayOf("text", namespaces));
            statement.setArray(3, connection.createArrayOf("text", keys));
            statement.setArray(4, connection.createArrayOf("bytea", values));
            statement.setArray(5, connection.createArrayOf("int8", versions));
            statement.setArray(6, connection.createArrayOf("timestamptz", expiries));
            WriteResult[] results = new WriteResult[n];
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Integer at = positions.get(new ItemKey(rows.getString(1), rows.getString(2), rows.getString(3)));
                    if (at != null) {
                        results[at] = new WriteResult.Applied(rows.getLong(4));
                    }
                }
            }
            for (WriteResult result : results) {
                if (result == null) {
                    throw new SQLException("multi-row upsert did not return every row");
                }
            }
            return List.of(results);
        }
    }

    static WriteResult apply(Connection connection, WriteOp op, long nowMs) throws SQLException {
        return switch (op) {
            case WriteOp.Put put -> put(connection, put, nowMs);
            case WriteOp.Delete delete -> delete(connection, delete, nowMs);
        };
    }

    private static WriteResult put(Connection connection, WriteOp.Put put, long nowMs) throws SQLException {
        ItemKey key = put.key();
        Timestamp expiresAt = put.expiresAtMs() == 0 ? null : new Timestamp(put.expiresAtMs());
        return switch (put.precondition()) {
            case Precondition.None none -> {
                try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
                    bindInsert(statement, key, put, expiresAt);
                    yield returnedVersion(statement, true);
                }
            }
            case Precondition.Absent absent -> {
                try (PreparedStatement statement = connection.prepareStatement(INSERT_IF_ABSENT)) {
                    bindInsert(statement, key, put, expiresAt);
                    statement.setTimestamp(7, new Timestamp(nowMs));
                    yield returnedVersion(statement, false);
                }
            }
            case Precondition.Exists exists -> updateIf(connection, put, expiresAt, nowMs, true, 0);
            case Precondition.VersionIs versionIs -> updateIf(connection, put, expiresAt, nowMs, false, versionIs.version());
        };
    }

    private static void bindInsert(PreparedStatement statement, ItemKey key, WriteOp.Put put, Timestamp expiresAt)
            throws SQLException {
        statement.setString(1, key.tenant());
        statement.setString(2, key.namespace());
        statement.setString(3, key.key());
        statement.setBytes(4, put.value());
        statement.setLong(5, put.proposedVersion());
        setNullableTimestamp(statement, 6, expiresAt);
    }

    private static WriteResult updateIf(Connection connection, WriteOp.Put put, Timestamp expiresAt, long nowMs,
                                        boolean anyVersion, long version) throws SQLException {
        ItemKey key = put.key();
        try (PreparedStatement statement = connection.prepareStatement(UPDATE_IF)) {
            statement.setBytes(1, put.value());
            statement.setLong(2, put.proposedVersion());
            setNullableTimestamp(statement, 3, expiresAt);
            statement.setString(4, key.tenant());
            statement.setString(5, key.namespace());
            statement.setString(6, key.key());
            statement.setTimestamp(7, new Timestamp(nowMs));
            statement.setBoolean(8, anyVersion);
            statement.setLong(9, version);
            return returnedVersion(statement, false);
        }
    }

    private static WriteResult delete(Connection connection, WriteOp.Delete delete, long nowMs) throws SQLException {
        ItemKey key = delete.key();
        boolean conditional = !(delete.precondition() instanceof Precondition.None);
        long expected = delete.precondition() instanceof Precondition.VersionIs v ? v.version() : 0;
        boolean anyVersion = !(delete.precondition() instanceof Precondition.VersionIs);
        try (PreparedStatement statement = connection.prepareStatement(DELETE_IF)) {
            statement.setString(1, key.tenant());
            statement.setString(2, key.namespace());
            statement.setString(3, key.key());
            statement.setBoolean(4, anyVersion);
            statement.setLong(5, expected);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return conditional ? new WriteResult.PreconditionFailed() : new WriteResult.NotFound();
                }
                long storedVersion = rows.getLong(1);
                Timestamp expiresAt = rows.getTimestamp(2);
                boolean wasLive = expiresAt == null || expiresAt.getTime() > nowMs;
                if (!wasLive) {
                    return conditional ? new WriteResult.PreconditionFailed() : new WriteResult.NotFound();
                }
                return new WriteResult.Applied(Math.max(storedVersion + 1, delete.proposedVersion()));
            }
        }
    }

    private static WriteResult returnedVersion(PreparedStatement statement, boolean mustReturn) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            if (rows.next()) {
                return new WriteResult.Applied(rows.getLong(1));
            }
            if (mustReturn) {
                throw new SQLException("upsert returned no row");
            }
            return new WriteResult.PreconditionFailed();
        }
    }

    static StoredItem read(Connection connection, ItemKey key, long nowMs) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SELECT)) {
            statement.setString(1, key.tenant());
            statement.setString(2, key.namespace());
            statement.setString(3, key.key());
            statement.setTimestamp(4, new Timestamp(nowMs));
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                Timestamp expiresAt = rows.getTimestamp(3);
                return new StoredItem(rows.getBytes(1), rows.getLong(2), expiresAt == null ? 0 : expiresAt.getTime(), false);
            }
        }
    }

    private static void setNullableTimestamp(PreparedStatement statement, int index, Timestamp value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setTimestamp(index, value);
        }
    }
}

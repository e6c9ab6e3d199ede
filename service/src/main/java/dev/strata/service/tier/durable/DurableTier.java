package dev.strata.service.tier.durable;

import dev.strata.service.kv.ItemKey;
import dev.strata.service.kv.StoredItem;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * PostgreSQL, the source of truth. Single writes go through the {@link GroupCommitter}; a client
 * batch runs as one transaction of its own ({@link #inTransaction}).
 */
public class DurableTier {

    /** A unit of work run inside one transaction; see {@link #inTransaction}. */
    @FunctionalInterface
    public interface TransactionWork<T> {
        T run(Transaction transaction) throws SQLException;
    }

    /** Reads and writes inside one open transaction. */
    public static final class Transaction {
        private final Connection connection;
        private final long nowMs;

        private Transaction(Connection connection, long nowMs) {
            this.connection = connection;
            this.nowMs = nowMs;
        }

        public StoredItem read(ItemKey key) throws SQLException {
            return ItemStatements.read(connection, key, nowMs);
        }

        public WriteResult write(WriteOp op) throws SQLException {
            return ItemStatements.apply(connection, op, nowMs);
        }

        /** Several writes in order; runs of plain puts go out as one statement. */
        public List<WriteResult> writeAll(List<WriteOp> ops) throws SQLException {
            return ItemStatements.applyAll(connection, ops, nowMs);
        }
    }

    /** Thrown by transaction work to roll back the transaction and hand a result to the caller. */
    public static final class Rollback extends RuntimeException {
        private final transient Object outcome;

        public Rollback(Object outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }

        public Object outcome() {
            return outcome;
        }
    }

    private static final String LIST = """
            SELECT item_key, version, expires_at, octet_length(value) FROM kv_items
             WHERE tenant_id = ? AND namespace = ? AND item_key > ? AND item_key >= ?
               AND (? = '' OR starts_with(item_key, ?))
               AND (expires_at IS NULL OR expires_at > ?)
             ORDER BY item_key
             LIMIT ?""";

    private final DataSource dataSource;
    private final GroupCommitter groupCommitter;
    private final LongSupplier clockMs;

    public DurableTier(DataSource dataSource, GroupCommitter groupCommitter, LongSupplier clockMs) {
        this.dataSource = dataSource;
        this.groupCommitter = groupCommitter;
        this.clockMs = clockMs;
    }

    public StoredItem read(ItemKey key) {
        try (Connection connection = dataSource.getConnection()) {
            return ItemStatements.read(connection, key, clockMs.getAsLong());
        } catch (SQLException e) {
            throw translate(e, key.tenant());
        }
    }

    /** Queues the write for the next group commit. */
    public CompletableFuture<WriteResult> write(WriteOp op) {
        return groupCommitter.submit(op);
    }

    /** Runs {@code work} in one transaction; a {@link Rollback} thrown by it rolls back and propagates. */
    public <T> T inTransaction(String tenant, TransactionWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(new Transaction(connection, clockMs.getAsLong()));
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            }
        } catch (SQLException e) {
            throw translate(e, tenant);
        }
    }

    /** Up to {@code limit} live keys of a namespace after {@code afterKey}, in key order. */
    public List<ListedItem> list(String tenant, String namespace, String prefix, String afterKey, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(LIST)) {
            statement.setString(1, tenant);
            statement.setString(2, namespace);
            statement.setString(3, afterKey);
            statement.setString(4, prefix);
            statement.setString(5, prefix);
            statement.setString(6, prefix);
            statement.setTimestamp(7, new Timestamp(clockMs.getAsLong()));
            statement.setInt(8, limit);
            List<ListedItem> items = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Timestamp expiresAt = rows.getTimestamp(3);
                    items.add(new ListedItem(rows.getString(1), rows.getLong(2),
                            expiresAt == null ? 0 : expiresAt.getTime(), rows.getInt(4)));
                }
            }
            return items;
        } catch (SQLException e) {
            throw translate(e, tenant);
        }
    }

    /** Up to {@code limit} namespaces of a tenant holding live items, after {@code afterNamespace}, in order. */
    public List<String> listNamespaces(String tenant, String afterNamespace, int limit) {
        try (Connection connection = dataSource.getConnection()) {
            return NamespaceListing.after(connection, tenant, afterNamespace, limit, clockMs.getAsLong());
        } catch (SQLException e) {
            throw translate(e, tenant);
        }
    }

    /** Deletes up to {@code limit} expired rows; returns how many went. */
    public int purgeExpired(int limit) {
        String sql = """
                DELETE FROM kv_items WHERE ctid IN (
                  SELECT ctid FROM kv_items WHERE expires_at IS NOT NULL AND expires_at <= ? LIMIT ?)""";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setTimestamp(1, new Timestamp(clockMs.getAsLong()));
            statement.setInt(2, limit);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw translate(e, "");
        }
    }

    /** Number of items (live or not yet purged) a tenant holds; used for deletion receipts. */
    public long countItems(String tenant) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM kv_items WHERE tenant_id = ?")) {
            statement.setString(1, tenant);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw translate(e, tenant);
        }
    }

    static boolean isConnectivityProblem(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientConnectionException
                || (state != null && (state.startsWith("08") || state.startsWith("57P")));
    }

    /** Maps a JDBC failure to the exception the API layer turns into a problem response. */
    public static RuntimeException translate(SQLException e, String tenant) {
        if (isConnectivityProblem(e)) {
            return new DurableUnavailableException("PostgreSQL is unavailable", e);
        }
        if ("23503".equals(e.getSQLState())) {
            return new TenantGoneException(tenant);
        }
        return new DurableUnavailableException("PostgreSQL refused the operation (SQLSTATE " + e.getSQLState() + ")", e);
    }

    static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection is broken; Hikari discards it.
        }
    }
}

package dev.strata.service.stats;

import dev.strata.service.tier.hot.HotTier;
import dev.strata.service.tier.warm.RedisWarmTier;
import dev.strata.service.tier.warm.WarmTier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import redis.clients.jedis.exceptions.JedisException;

/**
 * How much each tier holds, read on the sampling thread (never on a request). A store that cannot
 * answer yields null: the status page shows "unknown" and the health section says why.
 */
final class StoreSizes {

    /**
     * Catalog reads for a big table (counting its rows would scan it every few seconds); an exact
     * count while the planner's estimate is small or unknown (-1 before the first ANALYZE).
     */
    private static final String DURABLE_SIZE = """
            SELECT pg_total_relation_size(c.oid),
                   CASE WHEN c.reltuples < 10000 THEN (SELECT count(*) FROM kv_items) ELSE c.reltuples::bigint END
              FROM pg_class c WHERE c.oid = to_regclass('kv_items')""";

    private final HotTier hot;
    private final WarmTier warm;
    private final DataSource dataSource;

    StoreSizes(HotTier hot, WarmTier warm, DataSource dataSource) {
        this.hot = hot;
        this.warm = warm;
        this.dataSource = dataSource;
    }

    long hotEntries() {
        return hot.entryCount();
    }

    long hotBytes() {
        return hot.weightedBytes();
    }

    /** Keys in the Redis database (all tenants, tombstones included), or null without a reachable standalone Redis. */
    Long warmEntries() {
        if (!(warm instanceof RedisWarmTier redis) || !redis.isAvailable()) {
            return null;
        }
        try {
            return redis.client().dbSize();
        } catch (JedisException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** Size of the items table with its indexes and TOAST, and its row count. */
    record DurableSize(long bytes, long rows) { }

    /** The items table's size, or null while PostgreSQL does not answer. */
    DurableSize durable() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(DURABLE_SIZE);
             ResultSet rows = statement.executeQuery()) {
            return rows.next() ? new DurableSize(rows.getLong(1), rows.getLong(2)) : null;
        } catch (SQLException e) {
            return null;
        }
    }
}

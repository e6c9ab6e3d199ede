package dev.strata.service.tier.warm;

import dev.strata.service.kv.ItemKey;
import dev.strata.service.kv.StoredItem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.PipelineBase;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Raw access to the warm tier's entries for the admin tools (consistency checks, repair, pruning):
 * scans a tenant's keys page by page (constant memory) and reads or rewrites entries with the same
 * key layout and scripts as {@link RedisWarmTier}. Unlike the serving tier it does not degrade: a
 * Redis failure is the operator's to see.
 */
public final class WarmItems implements AutoCloseable {

    /** One Redis entry as stored: an item, an ephemeral item or a tombstone. */
    public record Entry(ItemKey key, byte[] value, long version, long expiresAtMs, boolean ephemeral, boolean tombstone,
                        long pttlMs) {
    }

    private static final int PAGE = 1000;
    /** As long as the serving tier keeps its tombstones (RedisWarmTier). */
    private static final long TOMBSTONE_TTL_MS = 60_000;

    private final UnifiedJedis redis;
    private final long maxTtlMs;
    private final boolean ownsClient;

    public WarmItems(UnifiedJedis redis, long maxTtlSeconds, boolean ownsClient) {
        this.redis = redis;
        this.maxTtlMs = maxTtlSeconds * 1000;
        this.ownsClient = ownsClient;
    }

    /**
     * Connects with at least a 5 s timeout: the server's short timeout (default 250 ms) is there to
     * degrade fast while serving; an admin tool must rather wait than fail half-way on a busy Redis.
     */
    public static WarmItems connect(WarmTierProperties properties) {
        WarmTierProperties patient = new WarmTierProperties(properties.url(), properties.cluster(),
                Math.max(properties.timeoutMs(), 5000), properties.poolSize(), properties.maxTtlSeconds());
        return new WarmItems(RedisClients.create(patient), properties.maxTtlSeconds(), true);
    }

    /** Fails fast (JedisException) when Redis does not answer. */
    public void ping() {
        redis.ping();
    }

    /**
     * Hands the item keys of one tenant (or of all tenants when null) to {@code page}, up to 1000 at
     * a time; keys in reserved namespaces (semantic-memory session caches) are not items and left out.
     */
    public void forEachPage(String tenant, Consumer<List<byte[]>> page) {
        ScanParams params = new ScanParams().match(tenant == null ? WarmKeys.allPattern() : WarmKeys.tenantPattern(tenant)).count(PAGE);
        if (redis instanceof JedisCluster cluster) {
            for (ConnectionPool pool : cluster.getClusterNodes().values()) {
                try (Connection connection = pool.getResource()) {
                    Jedis node = new Jedis(connection);
                    if (node.role().get(0).equals("master")) {
                        scan(cursor -> node.scan(cursor, params), page);
                    }
                }
            }
        } else {
            scan(cursor -> redis.scan(cursor, params), page);
        }
    }

    /**
     * Keys in Redis (all of them, items or not; primaries only in a cluster): an upper bound of what
     * {@link #forEachPage} visits, for a progress estimate.
     */
    public long keyCount() {
        if (redis instanceof JedisCluster cluster) {
            long keys = 0;
            for (ConnectionPool pool : cluster.getClusterNodes().values()) {
                try (Connection connection = pool.getResource()) {
                    Jedis node = new Jedis(connection);
                    if (node.role().get(0).equals("master")) {
                        keys += node.dbSize();
                    }
                }
            }
            return keys;
        }
        return redis.dbSize();
    }

    private interface Scanner {
        ScanResult<byte[]> scan(byte[] cursor);
    }

    private static void scan(Scanner scanner, Consumer<List<byte[]>> page) {
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<byte[]> result = scanner.scan(cursor.getBytes(StandardCharsets.US_ASCII));
            List<byte[]> items = result.getResult().stream().filter(key -> parse(key) != null).toList();
            if (!items.isEmpty()) {
                page.accept(items);
            }
            cursor = result.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
    }

    /** Reads entries in one pipeline; keys that vanished meanwhile or are not item keys are left out. */
    public List<Entry> read(List<byte[]> keys) {
        List<Response<Map<byte[], byte[]>>> hashes = new ArrayList<>(keys.size());
        List<Response<Long>> ttls = new ArrayList<>(keys.size());
        try (PipelineBase pipeline = redis.pipelined()) {
            for (byte[] key : keys) {
                hashes.add(pipeline.hgetAll(key));
                ttls.add(pipeline.pttl(key));
            }
            pipeline.sync();
        }
        List<Entry> entries = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            ItemKey itemKey = parse(keys.get(i));
            Map<String, byte[]> fields = new java.util.HashMap<>();
            hashes.get(i).get().forEach((name, value) -> fields.put(new String(name, StandardCharsets.UTF_8), value));
            if (itemKey == null || fields.isEmpty()) {
                continue;
            }
            entries.add(new Entry(itemKey, fields.get("v"), number(fields.get("ver")), number(fields.get("exp")),
                    "1".equals(text(fields.get("eph"))), fields.containsKey("tomb"), ttls.get(i).get()));
        }
        return entries;
    }

    /** Replaces whatever Redis holds for the key with the durable item (the durable tier wins). */
    public void overwrite(ItemKey key, StoredItem item) {
        byte[] redisKey = WarmKeys.of(key);
        redis.del(redisKey);
        redis.eval(WarmScripts.STORE_IF_NEWER, List.of(redisKey), List.of(item.value(), ascii(item.version()),
                ascii(item.expiresAtMs()), ascii(maxTtlMs == 0 ? 0 : System.currentTimeMillis() + maxTtlMs)));
    }

    /**
     * Records deletions at the given versions, as a client delete does, so a slower promotion of the
     * old value cannot bring it back into Redis.
     */
    public void tombstone(java.util.Map<ItemKey, Long> deletedVersions) {
        if (deletedVersions.isEmpty()) {
            return;
        }
        try (PipelineBase pipeline = redis.pipelined()) {
            deletedVersions.forEach((key, version) -> pipeline.eval(WarmScripts.TOMBSTONE, List.of(WarmKeys.of(key)),
                    List.of(ascii(version), ascii(TOMBSTONE_TTL_MS))));
            pipeline.sync();
        }
    }

    /** Drops cached copies; the next read reloads from PostgreSQL. */
    public long delete(Collection<ItemKey> keys) {
        if (keys.isEmpty()) {
            return 0;
        }
        List<Response<Long>> results = new ArrayList<>(keys.size());
        try (PipelineBase pipeline = redis.pipelined()) {
            for (ItemKey key : keys) {
                results.add(pipeline.del(WarmKeys.of(key)));
            }
            pipeline.sync();
        }
        return results.stream().mapToLong(Response::get).sum();
    }

    /** The Redis key of an item. */
    public static byte[] keyOf(ItemKey key) {
        return WarmKeys.of(key);
    }

    /** Parses {@code strata:v1:<tenant>:<namespace>:<key>}; tenant ids and namespaces cannot contain ':'. */
    static ItemKey parse(byte[] redisKey) {
        String text = new String(redisKey, StandardCharsets.UTF_8);
        if (!text.startsWith(WarmKeys.PREFIX)) {
            return null;
        }
        int tenantEnd = text.indexOf(':', WarmKeys.PREFIX.length());
        int namespaceEnd = tenantEnd < 0 ? -1 : text.indexOf(':', tenantEnd + 1);
        if (namespaceEnd < 0 || text.charAt(tenantEnd + 1) == WarmKeys.RESERVED) {
            return null;
        }
        return new ItemKey(text.substring(WarmKeys.PREFIX.length(), tenantEnd), text.substring(tenantEnd + 1, namespaceEnd),
                text.substring(namespaceEnd + 1));
    }

    private static long number(byte[] bytes) {
        return bytes == null ? 0 : Long.parseLong(text(bytes));
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.US_ASCII);
    }

    private static byte[] ascii(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        if (ownsClient) {
            redis.close();
        }
    }
}

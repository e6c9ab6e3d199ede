package dev.strata.service.tier.warm;

import dev.strata.service.kv.ItemKey;
import dev.strata.service.kv.StoredItem;
import dev.strata.service.tier.durable.Precondition;
import io.micrometer.core.instrument.Counter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.PipelineBase;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The warm tier on Redis (standalone or cluster). A failed call marks the tier degraded and the
 * request carries on against the durable tier; {@link #tryReattach()} (called every second) brings
 * it back once Redis answers, after dropping any copy that may have gone stale meanwhile.
 */
public final class RedisWarmTier implements WarmTier, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisWarmTier.class);
    private static final byte[] FIELD_VALUE = bytes("v");
    private static final byte[] FIELD_VERSION = bytes("ver");
    private static final byte[] FIELD_EXPIRES = bytes("exp");
    private static final byte[] FIELD_EPHEMERAL = bytes("eph");
    private static final byte[] FIELD_TOMBSTONE = bytes("tomb");
    private static final long TOMBSTONE_TTL_MS = 60_000;

    private final UnifiedJedis redis;
    private final LongSupplier clockMs;
    private final long maxTtlMs;
    private final Counter errors;
    private final Counter reattaches;
    private final DegradedWriteLog degradedWrites = new DegradedWriteLog(100_000);
    private final List<Runnable> reattachListeners = new CopyOnWriteArrayList<>();
    private volatile boolean available = true;

    public RedisWarmTier(UnifiedJedis redis, long maxTtlSeconds, LongSupplier clockMs, Counter errors, Counter reattaches) {
        this.redis = redis;
        this.clockMs = clockMs;
        this.maxTtlMs = maxTtlSeconds * 1000;
        this.errors = errors;
        this.reattaches = reattaches;
    }

    public static RedisWarmTier connect(WarmTierProperties properties, Counter errors, Counter reattaches) {
        return new RedisWarmTier(RedisClients.create(properties), properties.maxTtlSeconds(), System::currentTimeMillis,
                errors, reattaches);
    }

    /** The client, for the coherence bus's pub/sub. */
    public UnifiedJedis client() {
        return redis;
    }

    /** Called after a re-attach, once stale copies are gone (e.g. to clear hot tiers). */
    public void onReattach(Runnable listener) {
        reattachListeners.add(listener);
    }

    @Override
    public boolean isEnabled() {
        return true;
    }

    @Override
    public boolean isAvailable() {
        return available;
    }

    @Override
    public StoredItem get(ItemKey key) {
        if (!available) {
            return null;
        }
        try {
            List<byte[]> fields = redis.hmget(WarmKeys.of(key), FIELD_VALUE, FIELD_VERSION, FIELD_EXPIRES, FIELD_EPHEMERAL, FIELD_TOMBSTONE);
            if (fields.get(0) == null || fields.get(4) != null) {
                return null;
            }
            StoredItem item = new StoredItem(fields.get(0), parseLong(fields.get(1)), parseLong(fields.get(2)),
                    fields.get(3) != null && fields.get(3).length == 1 && fields.get(3)[0] == '1');
            return item.isExpiredAt(clockMs.getAsLong()) ? null : item;
        } catch (JedisException e) {
            markDown(e);
            return null;
        }
    }

    @Override
    public void store(ItemKey key, StoredItem item) {
        byte[] redisKey = WarmKeys.of(key);
        if (!available) {
            degradedWrites.record(redisKey);
            return;
        }
        try {
            redis.eval(WarmScripts.STORE_IF_NEWER, List.of(redisKey), storeArgs(item));
        } catch (JedisException e) {
            degradedWrites.record(redisKey);
            markDown(e);
        }
    }

    @Override
    public void tombstone(ItemKey key, long version) {
        byte[] redisKey = WarmKeys.of(key);
        if (!available) {
            degradedWrites.record(redisKey);
            return;
        }
        try {
            redis.eval(WarmScripts.TOMBSTONE, List.of(redisKey), List.of(number(version), number(TOMBSTONE_TTL_MS)));
        } catch (JedisException e) {
            degradedWrites.record(redisKey);
            markDown(e);
        }
    }

    @Override
    public void storeAll(List<CacheWrite> writes) {
        if (writes.isEmpty()) {
            return;
        }
        if (!available) {
            writes.forEach(w -> degradedWrites.record(WarmKeys.of(keyOf(w))));
            return;
        }
        try (PipelineBase pipeline = redis.pipelined()) {
            for (CacheWrite write : writes) {
                switch (write) {
                    case CacheWrite.Store store ->
                            pipeline.eval(WarmScripts.STORE_IF_NEWER, List.of(WarmKeys.of(store.key())), storeArgs(store.item()));
                    case CacheWrite.Tombstone tombstone -> pipeline.eval(WarmScripts.TOMBSTONE,
                            List.of(WarmKeys.of(tombstone.key())), List.of(number(tombstone.version()), number(TOMBSTONE_TTL_MS)));
                }
            }
            pipeline.sync();
        } catch (JedisException e) {
            writes.forEach(w -> degradedWrites.record(WarmKeys.of(keyOf(w))));
            markDown(e);
        }
    }

    private static ItemKey keyOf(CacheWrite write) {
        return switch (write) {
            case CacheWrite.Store store -> store.key();
            case CacheWrite.Tombstone tombstone -> tombstone.key();
        };
    }

    private List<byte[]> storeArgs(StoredItem item) {
        long capAtMs = clockMs.getAsLong() + maxTtlMs;
        return List.of(item.value(), number(item.version()), number(item.expiresAtMs()), number(capAtMs));
    }

    @Override
    public EphemeralOutcome putEphemeral(ItemKey key, byte[] value, long expiresAtMs, long proposedVersion, Precondition precondition) {
        if (!available) {
            return new EphemeralOutcome.Unavailable();
        }
        try {
            Object result = redis.eval(WarmScripts.PUT_EPHEMERAL, List.of(WarmKeys.of(key)), List.of(value,
                    number(proposedVersion), number(expiresAtMs), number(clockMs.getAsLong()), condition(precondition)));
            long version = (Long) result;
            return version < 0 ? new EphemeralOutcome.PreconditionFailed() : new EphemeralOutcome.Written(version);
        } catch (JedisException e) {
            markDown(e);
            return new EphemeralOutcome.Unavailable();
        }
    }

    @Override
    public EphemeralOutcome deleteEphemeral(ItemKey key, long proposedVersion, Precondition precondition) {
        if (!available) {
            return new EphemeralOutcome.Unavailable();
        }
        try {
            Object result = redis.eval(WarmScripts.DELETE_EPHEMERAL, List.of(WarmKeys.of(key)), List.of(
                    number(proposedVersion), number(clockMs.getAsLong()), condition(precondition), number(TOMBSTONE_TTL_MS)));
            long version = (Long) result;
            if (version < 0) {
                return new EphemeralOutcome.PreconditionFailed();
            }
            return version == 0 ? new EphemeralOutcome.NotFound() : new EphemeralOutcome.Written(version);
        } catch (JedisException e) {
            markDown(e);
            return new EphemeralOutcome.Unavailable();
        }
    }

    private static byte[] condition(Precondition precondition) {
        return switch (precondition) {
            case Precondition.None none -> new byte[0];
            case Precondition.Exists exists -> bytes("*");
            case Precondition.Absent absent -> bytes("!");
            case Precondition.VersionIs versionIs -> number(versionIs.version());
        };
    }

    @Override
    public long removeTenant(String tenant) {
        if (!available) {
            return 0;
        }
        try {
            return deleteMatching(WarmKeys.tenantPattern(tenant));
        } catch (JedisException e) {
            markDown(e);
            return 0;
        }
    }

    /** SCAN + DEL on every primary (cluster) or the single server. */
    private long deleteMatching(String pattern) {
        ScanParams params = new ScanParams().match(pattern).count(1000);
        List<byte[]> found = new ArrayList<>();
        if (redis instanceof JedisCluster cluster) {
            for (ConnectionPool pool : cluster.getClusterNodes().values()) {
                try (Connection connection = pool.getResource()) {
                    scanInto(new Jedis(connection), params, found);
                }
            }
        } else {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<byte[]> page = redis.scan(bytes(cursor), params);
                found.addAll(page.getResult());
                cursor = page.getCursor();
            } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        }
        long deleted = 0;
        for (byte[] key : found) {
            deleted += redis.del(key);
        }
        return deleted;
    }

    private static void scanInto(Jedis node, ScanParams params, List<byte[]> found) {
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<byte[]> page = node.scan(bytes(cursor), params);
            found.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
    }

    /**
     * A failure another user of {@link #client()} met (the session cache): the same degrade as this
     * tier's own, so the server has one view of Redis and one way back (re-attach).
     */
    public void reportFailure(JedisException e) {
        markDown(e);
    }

    private void markDown(JedisException e) {
        errors.increment();
        if (available) {
            available = false;
            log.warn("Warm tier (Redis) unavailable, serving from hot + durable until it returns: {}", e.getMessage());
        }
    }

    /** Re-attaches when Redis answers again; returns whether the tier is available afterwards. */
    public synchronized boolean tryReattach() {
        if (available) {
            return true;
        }
        try {
            redis.ping();
            if (degradedWrites.overflowed()) {
                deleteMatching(WarmKeys.allPattern());
            } else {
                for (byte[] key : degradedWrites.drain()) {
                    redis.del(key);
                }
            }
            degradedWrites.reset();
            available = true;
            reattaches.increment();
            reattachListeners.forEach(Runnable::run);
            log.info("Warm tier (Redis) re-attached");
            return true;
        } catch (JedisException e) {
            return false;
        }
    }

    private static long parseLong(byte[] bytes) {
        return bytes == null ? 0 : Long.parseLong(new String(bytes, StandardCharsets.US_ASCII));
    }

    private static byte[] number(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        redis.close();
    }
}

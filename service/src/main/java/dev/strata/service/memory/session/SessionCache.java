package dev.strata.service.memory.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.strata.service.memory.MemoryProperties;
import dev.strata.service.tier.Tier;
import dev.strata.service.tier.warm.RedisWarmTier;
import dev.strata.service.tier.warm.WarmKeys;
import dev.strata.service.tier.warm.WarmTier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * The messages of active sessions, cached in process (hot) and in Redis (warm, when configured) in
 * front of PostgreSQL, which stays the source of truth and is written on every append.
 *
 * <p>Never stale: a cached copy carries the session's version (its creation time and the highest
 * message sequence number). Every read first takes the current version from PostgreSQL in one
 * primary-key statement and uses a cached copy only when the versions are equal. Appends to one
 * session are serialised by the row lock on {@code memory_sessions} and folding happens in the
 * same transaction as the append that triggers it, so a session's messages (folded flags included)
 * are fully determined by that version. An append on another instance changes the version, so no
 * instance can serve the old window after it was acknowledged — no invalidation message needed.
 *
 * <p>Redis failures degrade to PostgreSQL: a Redis error is reported to {@link RedisWarmTier}, which
 * marks the warm tier unavailable for the whole server until it re-attaches, and this cache skips Redis
 * meanwhile.
 */
@Component
public class SessionCache {

    private static final Logger log = LoggerFactory.getLogger(SessionCache.class);
    /** Redis namespace segment; KV namespaces must start with a letter or digit, so this cannot collide. */
    static final String NAMESPACE = WarmKeys.RESERVED + "sessions";

    /** A session's messages (folded included, by sequence) at one version. */
    public record Snapshot(long createdAtMicros, long maxSeq, List<SessionMessage> messages) {
        boolean matches(Version version) {
            return createdAtMicros == version.createdAtMicros() && maxSeq == version.maxSeq();
        }
    }

    /** What PostgreSQL says the current version is. */
    public record Version(long createdAtMicros, long maxSeq) { }

    /** Messages and the tier that served them. */
    public record Served(List<SessionMessage> messages, Tier tier) { }

    private final Cache<String, Snapshot> hot;
    private final WarmTier warm;
    private final ObjectMapper json;
    private final long redisTtlSeconds;
    /** Bumped on every eviction: a copy loaded before an eviction is not cached after it. */
    private final AtomicLong evictions = new AtomicLong();

    public SessionCache(WarmTier warm, ObjectMapper json, MemoryProperties properties) {
        this.warm = warm;
        this.json = json;
        this.redisTtlSeconds = Math.max(60, Math.min(properties.sessionTtlSeconds(), 86_400));
        this.hot = Caffeine.newBuilder().maximumSize(10_000).expireAfterAccess(Duration.ofHours(1)).build();
    }

    /** The session's messages at {@code version}: hot, then Redis, then {@code load} (cached on the way back). */
    public Served messages(String tenantId, String sessionId, Version version, Supplier<Snapshot> load) {
        String key = key(tenantId, sessionId);
        Snapshot cached = hot.getIfPresent(key);
        if (cached != null && cached.matches(version)) {
            return new Served(cached.messages(), Tier.HOT);
        }
        long generation = evictions.get();
        Snapshot fromRedis = redisGet(key);
        if (fromRedis != null && fromRedis.matches(version)) {
            cacheHot(key, fromRedis, generation);
            return new Served(fromRedis.messages(), Tier.WARM);
        }
        Snapshot loaded = load.get();
        if (loaded.matches(version)) {
            // Loaded after the version was read: equal versions mean equal contents; a newer load is
            // still correct for this reader but only cached when it is exactly this version.
            if (evictions.get() == generation) {
                cacheHot(key, loaded, generation);
                redisSet(key, loaded, generation);
            }
        }
        return new Served(loaded.messages(), Tier.DURABLE);
    }

    private void cacheHot(String key, Snapshot snapshot, long generation) {
        hot.asMap().compute(key, (k, old) -> evictions.get() != generation || (old != null && old.maxSeq() > snapshot.maxSeq()
                && old.createdAtMicros() == snapshot.createdAtMicros()) ? old : snapshot);
    }

    /** Drops a session from both caches (reset, consolidation, expiry). Returns {hot entries, Redis keys} removed. */
    public long[] evict(String tenantId, String sessionId) {
        evictions.incrementAndGet();
        String key = key(tenantId, sessionId);
        long hotRemoved = hot.asMap().remove(key) != null ? 1 : 0;
        long redisRemoved = redisDelete(List.of(key));
        return new long[] {hotRemoved, redisRemoved};
    }

    /** Drops many sessions of a tenant (user erasure). Returns {hot entries, Redis keys} removed. */
    public long[] evictAll(String tenantId, List<String> sessionIds) {
        evictions.incrementAndGet();
        List<String> keys = new ArrayList<>();
        long hotRemoved = 0;
        for (String sessionId : sessionIds) {
            String key = key(tenantId, sessionId);
            keys.add(key);
            hotRemoved += hot.asMap().remove(key) != null ? 1 : 0;
        }
        return new long[] {hotRemoved, keys.isEmpty() ? 0 : redisDelete(keys)};
    }

    /**
     * Drops this instance's hot copies of a tenant's sessions whose id matches (another instance's
     * erasure; that instance removed the Redis copies). Returns how many went.
     */
    public long evictHot(String tenantId, java.util.function.Predicate<String> sessionId) {
        evictions.incrementAndGet();
        String prefix = key(tenantId, "");
        long[] removed = {0};
        hot.asMap().keySet().removeIf(key -> {
            boolean match = key.startsWith(prefix) && sessionId.test(key.substring(prefix.length()));
            removed[0] += match ? 1 : 0;
            return match;
        });
        return removed[0];
    }

    /** SHA-256 of a session id, hex: how an erasure notice names a session without naming it. */
    public static String sessionHash(String sessionId) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(sessionId.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Drops every hot entry (tests, and to show reads fall back to Redis and PostgreSQL). */
    public void clearHot() {
        evictions.incrementAndGet();
        hot.invalidateAll();
    }

    public boolean hotHolds(String tenantId, String sessionId) {
        return hot.getIfPresent(key(tenantId, sessionId)) != null;
    }

    /** The Redis key of a session's cached messages; under the tenant's prefix, so tenant deletion removes it too. */
    public static String key(String tenantId, String sessionId) {
        return "strata:v1:" + tenantId + ":" + NAMESPACE + ":" + sessionId;
    }

    private UnifiedJedis redis() {
        if (warm instanceof RedisWarmTier redis && redis.isAvailable()) {
            return redis.client();
        }
        return null;
    }

    private Snapshot redisGet(String key) {
        UnifiedJedis redis = redis();
        if (redis == null) {
            return null;
        }
        try {
            byte[] value = redis.get(key.getBytes(StandardCharsets.UTF_8));
            return value == null ? null : json.readValue(value, Snapshot.class);
        } catch (Exception e) {
            redisFailed(e);
            return null;
        }
    }

    private void redisSet(String key, Snapshot snapshot, long generation) {
        UnifiedJedis redis = redis();
        if (redis == null) {
            return;
        }
        try {
            redis.set(key.getBytes(StandardCharsets.UTF_8), json.writeValueAsBytes(snapshot), SetParams.setParams().ex(redisTtlSeconds));
            if (evictions.get() != generation) {
                // An eviction (reset, erasure) ran while this copy was written: take it back out.
                redis.del(key.getBytes(StandardCharsets.UTF_8));
            }
        } catch (Exception e) {
            redisFailed(e);
        }
    }

    private long redisDelete(List<String> keys) {
        UnifiedJedis redis = warm instanceof RedisWarmTier r && r.isAvailable() ? r.client() : null;
        if (redis == null) {
            return 0;
        }
        try {
            long removed = 0;
            for (String key : keys) {
                removed += redis.del(key.getBytes(StandardCharsets.UTF_8));
            }
            return removed;
        } catch (Exception e) {
            redisFailed(e);
            return 0;
        }
    }

    /** Redis itself failing degrades the warm tier; anything else (an unreadable cached copy) only skips this copy. */
    private void redisFailed(Exception e) {
        if (e instanceof JedisException redisDown && warm instanceof RedisWarmTier tier) {
            tier.reportFailure(redisDown);
        }
        log.debug("Session cache: Redis copy not used, serving from PostgreSQL: {}", e.toString());
    }
}

package dev.strata.service.tier.warm;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;

/** Builds a pooled Jedis client (standalone or cluster) from {@code strata.warm.*}; public for the admin tools. */
public final class RedisClients {

    private RedisClients() {
    }

    public static UnifiedJedis create(WarmTierProperties properties) {
        URI uri = parse(properties.url());
        boolean tls = "rediss".equals(uri.getScheme());
        HostAndPort address = new HostAndPort(uri.getHost(), uri.getPort() == -1 ? 6379 : uri.getPort());
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(properties.timeoutMs())
                .socketTimeoutMillis(properties.timeoutMs())
                .ssl(tls)
                .clientName("strata");
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            String user = colon < 0 ? null : decode(userInfo.substring(0, colon));
            String password = decode(colon < 0 ? userInfo : userInfo.substring(colon + 1));
            if (user != null && !user.isEmpty()) {
                config.user(user);
            }
            config.password(password);
        }
        JedisClientConfig clientConfig = config.build();
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(properties.poolSize());
        pool.setMaxIdle(properties.poolSize());
        pool.setMinIdle(Math.min(4, properties.poolSize()));
        pool.setMaxWait(Duration.ofMillis(properties.timeoutMs()));
        pool.setJmxEnabled(false);
        if (properties.cluster()) {
            return new JedisCluster(Set.of(address), clientConfig, 2, pool);
        }
        return new JedisPooled(pool, address, clientConfig);
    }

    public static URI parse(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("strata.warm.url is not a valid URL (expected redis://host:6379 or rediss://…)");
        }
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalStateException("strata.warm.url must look like redis://host:6379 or rediss://user:password@host:6379");
        }
        return uri;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}

package dev.strata.service.support;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import redis.clients.jedis.JedisPooled;
import org.flywaydb.core.Flyway;
import redis.embedded.RedisServer;

/**
 * One real PostgreSQL and one real Redis per test JVM (embedded binaries from Maven Central),
 * started on first use and stopped at JVM exit. Tests isolate themselves with fresh tenant ids.
 */
public final class EmbeddedStores {

    private static EmbeddedPostgres postgres;
    private static RedisServer redis;
    private static int redisPort;

    private EmbeddedStores() {
    }

    public static synchronized String postgresUrl() {
        if (postgres == null) {
            try {
                Path dir = Files.createTempDirectory("strata-test-pg");
                postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(dir)
                        .setCleanDataDirectory(true)
                        .setServerConfig("max_connections", "300")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // JVM is exiting
                }
            }));
        }
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /** The shared PostgreSQL with Strata's schema applied, for tests that use the tiers without a server. */
    public static synchronized String migratedPostgresUrl() {
        String url = postgresUrl();
        Flyway.configure().dataSource(url, "postgres", "postgres").locations("classpath:db/migration").load().migrate();
        return url;
    }

    /** A small connection pool on the shared PostgreSQL (schema applied); close it after use. */
    public static HikariDataSource migratedDataSource(int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(migratedPostgresUrl());
        config.setUsername("postgres");
        config.setMaximumPoolSize(poolSize);
        return new HikariDataSource(config);
    }

    /** Runs a {@code SELECT count(*) ...} (or any single-number query) directly against PostgreSQL. */
    public static long queryLong(String sql, Object... parameters) {
        try (Connection db = DriverManager.getConnection(postgresUrl(), "postgres", "postgres");
             PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
    }

    /** Runs an update directly against PostgreSQL; returns the row count. */
    public static int update(String sql, Object... parameters) {
        try (Connection db = DriverManager.getConnection(postgresUrl(), "postgres", "postgres");
             PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("update failed: " + sql, e);
        }
    }

    /** Redis keys matching a glob, read directly from the shared Redis. */
    public static Set<String> redisKeys(String pattern) {
        try (JedisPooled jedis = new JedisPooled(URI.create(redisUrl()))) {
            return jedis.keys(pattern);
        }
    }

    public static synchronized String redisUrl() {
        if (redis == null) {
            redisPort = freePort();
            startRedis();
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedStores::stopRedis));
        }
        return "redis://127.0.0.1:" + redisPort;
    }

    /** Starts (or restarts) Redis on the same port. */
    public static synchronized void startRedis() {
        try {
            redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").build();
            redis.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Restarts Redis if a test stopped it (cleanup after outage tests). */
    public static synchronized void startRedisIfStopped() {
        if (redis != null && !redis.isActive()) {
            startRedis();
        }
    }

    /** Stops Redis as an outage would (the server process goes away). */
    public static synchronized void stopRedis() {
        if (redis != null && redis.isActive()) {
            try {
                redis.stop();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.strata.service.support;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
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

package dev.strata.fixes.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/** Real PostgreSQL and Redis for the whole test JVM: started once, stopped at JVM exit. */
final class Dependencies {

    static final String REDIS_TOKEN = "redis-Token-0815-abc";

    private static Dependencies shared;

    final EmbeddedPostgres postgres;
    final RedisServer redis;
    final int redisPort;

    private Dependencies(EmbeddedPostgres postgres, RedisServer redis, int redisPort) {
        this.postgres = postgres;
        this.redis = redis;
        this.redisPort = redisPort;
    }

    static synchronized Dependencies shared() {
        if (shared == null) {
            shared = start();
            Dependencies toStop = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(toStop::stop));
        }
        return shared;
    }

    static Dependencies start() {
        try {
            EmbeddedPostgres postgres = startPostgres();
            int redisPort = freePort();
            RedisServer redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1")
                    .setting("requirepass " + REDIS_TOKEN).build();
            redis.start();
            return new Dependencies(postgres, redis, redisPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EmbeddedPostgres startPostgres() throws IOException {
        return EmbeddedPostgres.builder().start();
    }

    int postgresPort() {
        return postgres.getPort();
    }

    void stop() {
        try {
            redis.stop();
        } catch (IOException e) {
            // already gone
        }
        try {
            postgres.close();
        } catch (IOException e) {
            // already gone
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

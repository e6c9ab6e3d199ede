package dev.strata.service.tier.durable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.strata.service.bench.Latencies;
import dev.strata.service.kv.ItemKey;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;

/**
 * Durable PUT throughput at 64 concurrent clients: the group committer against a naive loop that
 * commits one transaction per write (same SQL, same PostgreSQL, fsync and synchronous_commit on).
 *
 * <p>Run: {@code bench/service-benchmarks.sh durable [seconds]}.
 */
public final class DurableWriteBenchmark {

    private static final int CLIENTS = 64;

    private DurableWriteBenchmark() {
    }

    /** One write by client {@code client} number {@code n}. */
    interface Writer {
        void write(int client, long n) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(Files.createTempDirectory("strata-bench-pg")).setCleanDataDirectory(true)
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "200").start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            try (HikariDataSource pool = pool(url, CLIENTS)) {
                Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
                try (Connection c = pool.getConnection()) {
                    c.createStatement().execute("INSERT INTO tenants (id, name) VALUES ('bench', 'bench')");
                }
                byte[] value = "{\"payload\":\"0123456789abcdef0123456789abcdef\"}".getBytes();
                System.out.printf("durable PUT benchmark: %d clients, %d s per variant, PostgreSQL with fsync=on%n", CLIENTS, seconds);

                run("naive, 1 client (reference)", seconds, 1, (client, n) -> {
                    try (Connection connection = pool.getConnection()) {
                        connection.setAutoCommit(false);
                        ItemStatements.apply(connection, put("single", client, n, value), System.currentTimeMillis());
                        connection.commit();
                    }
                });
                Result naive = run("naive: one transaction per write", seconds, CLIENTS, (client, n) -> {
                    try (Connection connection = pool.getConnection()) {
                        connection.setAutoCommit(false);
                        ItemStatements.apply(connection, put("naive", client, n, value), System.currentTimeMillis());
                        connection.commit();
                    }
                });
                try (HikariDataSource groupPool = pool(url, 20);
                     GroupCommitter committer = new GroupCommitter(groupPool, 256, 20_000, 4, System::currentTimeMillis, new SimpleMeterRegistry())) {
                    Result grouped = run("group commit (DurableTier.write)", seconds, CLIENTS,
                            (client, n) -> committer.submit(put("group", client, n, value)).join());
                    System.out.printf("ratio group/naive throughput: %.2fx%n", grouped.perSecond / naive.perSecond);
                }
            }
        }
    }

    private static WriteOp.Put put(String prefix, int client, long n, byte[] value) {
        // 1000 keys per client: a mix of inserts and updates, as a real workload has.
        return new WriteOp.Put(new ItemKey("bench", prefix, "c" + client + "-" + (n % 1000)), value, 0, System.nanoTime() / 1000,
                Precondition.NONE);
    }

    record Result(double perSecond, double[] latencyMs) { }

    private static Result run(String name, int seconds, int clients, Writer writer) throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong done = new AtomicLong();
        List<Latencies> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Latencies mine = new Latencies();
            latencies.add(mine);
            int client = c;
            threads.add(Thread.ofPlatform().start(() -> {
                long n = 0;
                while (running.get()) {
                    long start = System.nanoTime();
                    try {
                        writer.write(client, n++);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    mine.record(System.nanoTime() - start);
                    done.incrementAndGet();
                }
            }));
        }
        Thread.sleep(2000); // warm-up
        long startCount = done.get();
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long measured = done.get() - startCount;
        double elapsed = (System.nanoTime() - start) / 1e9;
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }
        double[] p = Latencies.percentilesMs(latencies);
        Result result = new Result(measured / elapsed, p);
        System.out.printf("%-36s %9.0f writes/s   p50 %7.2f ms   p99 %7.2f ms   max %7.2f ms%n", name, result.perSecond, p[0], p[1], p[2]);
        return result;
    }

    private static HikariDataSource pool(String url, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("postgres");
        config.setMaximumPoolSize(size);
        return new HikariDataSource(config);
    }
}

package dev.strata.service.tier.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.strata.service.kv.ItemKey;
import dev.strata.service.observability.StrataMetrics;
import dev.strata.service.support.EmbeddedStores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Group commit against a real PostgreSQL: coalescing, per-write answers, and isolation of a bad write. */
class GroupCommitterTest {

    private static final int THREADS = 64;

    private HikariDataSource dataSource;
    private SimpleMeterRegistry registry;
    private GroupCommitter committer;
    private String tenant;
    private long nextVersion = System.currentTimeMillis() * 1000;

    @BeforeEach
    void start() throws SQLException {
        dataSource = EmbeddedStores.migratedDataSource(4);
        registry = new SimpleMeterRegistry();
        committer = new GroupCommitter(dataSource, 256, 20_000, System::currentTimeMillis, registry);
        tenant = "gc-" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO tenants (id, name) VALUES (?, ?)")) {
            insert.setString(1, tenant);
            insert.setString(2, tenant);
            insert.executeUpdate();
        }
    }

    @AfterEach
    void stop() {
        committer.close();
        dataSource.close();
    }

    private synchronized WriteOp.Put put(String tenantId, String key, String json, Precondition precondition) {
        return new WriteOp.Put(new ItemKey(tenantId, "ns", key), json.getBytes(StandardCharsets.UTF_8), 0, ++nextVersion, precondition);
    }

    @Test
    void concurrentSubmitsFromManyThreadsAreCoalescedAndEachGetsItsOwnAnswer() throws Exception {
        // As configured in production (strata.durable.group-commit.threads): groups commit in parallel.
        committer.close();
        committer = new GroupCommitter(dataSource, 256, 20_000, 4, System::currentTimeMillis, registry = new SimpleMeterRegistry());
        int writesPerThread = 20;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Long>>> perThread = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                perThread.add(pool.submit(() -> {
                    start.await();
                    List<Long> versions = new ArrayList<>();
                    for (int i = 0; i < writesPerThread; i++) {
                        // Each thread waits for its answer like an HTTP client would, so groups form only from concurrency.
                        WriteResult result = committer.submit(put(tenant, "k-" + thread, "{\"t\":" + thread + ",\"i\":" + i + "}",
                                Precondition.NONE)).get(30, TimeUnit.SECONDS);
                        versions.add(((WriteResult.Applied) result).version());
                    }
                    return versions;
                }));
            }
            start.countDown();
            for (int t = 0; t < THREADS; t++) {
                List<Long> versions = perThread.get(t).get(60, TimeUnit.SECONDS);
                assertThat(versions).as("versions of one key strictly increase").isSortedAccordingTo(Long::compare).doesNotHaveDuplicates();
                assertThat(storedValue("k-" + t)).isEqualTo("{\"t\":" + t + ",\"i\":" + (writesPerThread - 1) + "}");
                assertThat(storedVersion("k-" + t)).isEqualTo(versions.getLast());
            }
        }
        var batchSizes = registry.get(StrataMetrics.GROUP_COMMIT_BATCH_SIZE).summary();
        assertThat(batchSizes.max()).as("largest group").isGreaterThan(1);
        assertThat(batchSizes.count()).as("fewer commits than writes").isLessThan(THREADS * writesPerThread);
        assertThat((long) batchSizes.totalAmount()).isEqualTo(THREADS * writesPerThread);
    }

    @Test
    void preconditionsAreAnsweredPerWrite() throws Exception {
        long v1 = ((WriteResult.Applied) committer.submit(put(tenant, "p", "1", Precondition.ABSENT)).get()).version();
        assertThat(committer.submit(put(tenant, "p", "2", Precondition.ABSENT)).get()).isInstanceOf(WriteResult.PreconditionFailed.class);
        assertThat(committer.submit(put(tenant, "p", "3", Precondition.versionIs(v1 + 1))).get())
                .isInstanceOf(WriteResult.PreconditionFailed.class);
        WriteResult matched = committer.submit(put(tenant, "p", "4", Precondition.versionIs(v1))).get();
        assertThat(((WriteResult.Applied) matched).version()).isGreaterThan(v1);
        assertThat(committer.submit(new WriteOp.Delete(new ItemKey(tenant, "ns", "absent"), ++nextVersion, Precondition.NONE)).get())
                .isInstanceOf(WriteResult.NotFound.class);
        assertThat(storedValue("p")).isEqualTo("4");
    }

    @Test
    void aWriteForAnUnknownTenantFailsAloneWithoutFailingItsGroup() throws Exception {
        List<CompletableFuture<WriteResult>> good = new ArrayList<>();
        CompletableFuture<WriteResult> bad;
        // Hold the row lock of "blocker" so the committer stalls on it while the next writes queue up
        // behind it; they are then committed as one group.
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (PreparedStatement insert = lock.prepareStatement(
                    "INSERT INTO kv_items (tenant_id, namespace, item_key, value, version) VALUES (?, 'ns', 'blocker', '0', 1)")) {
                insert.setString(1, tenant);
                insert.executeUpdate();
            }
            CompletableFuture<WriteResult> blocked = committer.submit(put(tenant, "blocker", "1", Precondition.NONE));
            Thread.sleep(200);
            assertThat(blocked).isNotDone();
            for (int i = 0; i < 5; i++) {
                good.add(committer.submit(put(tenant, "good-" + i, Integer.toString(i), Precondition.NONE)));
            }
            bad = committer.submit(put("no-such-tenant-" + UUID.randomUUID(), "x", "1", Precondition.NONE));
            for (int i = 5; i < 10; i++) {
                good.add(committer.submit(put(tenant, "good-" + i, Integer.toString(i), Precondition.NONE)));
            }
            lock.rollback();
            assertThat(blocked.get(10, TimeUnit.SECONDS)).isInstanceOf(WriteResult.Applied.class);
        }
        for (CompletableFuture<WriteResult> write : good) {
            assertThat(write.get(10, TimeUnit.SECONDS)).isInstanceOf(WriteResult.Applied.class);
        }
        assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TenantGoneException.class);
        for (int i = 0; i < 10; i++) {
            assertThat(storedValue("good-" + i)).isEqualTo(Integer.toString(i));
        }
        assertThat(registry.get(StrataMetrics.GROUP_COMMIT_BATCH_SIZE).summary().max())
                .as("the good writes and the bad one were submitted as one group").isGreaterThanOrEqualTo(11);
    }

    private String storedValue(String key) throws SQLException {
        return (String) stored(key, "convert_from(value, 'UTF8')");
    }

    private long storedVersion(String key) throws SQLException {
        return (Long) stored(key, "version");
    }

    private Object stored(String key, String column) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT " + column + " FROM kv_items WHERE tenant_id = ? AND namespace = 'ns' AND item_key = ?")) {
            select.setString(1, tenant);
            select.setString(2, key);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getObject(1) : null;
            }
        }
    }
}

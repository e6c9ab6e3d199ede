package dev.strata.service.tier.durable;

import dev.strata.service.observability.StrataMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coalesces concurrent writes into shared PostgreSQL transactions. One committer thread takes
 * whatever has queued while the previous commit was in flight (up to {@code maxBatch}) and commits
 * it as one transaction, so the cost of a commit (the WAL flush) is paid once per group instead of
 * once per write. No write is acknowledged before its group has committed.
 *
 * <p>If a group fails for a reason other than connectivity (e.g. one write names a deleted tenant),
 * its writes are retried one transaction each, so one bad write cannot fail its neighbours.
 */
public final class GroupCommitter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);

    private record Pending(WriteOp op, CompletableFuture<WriteResult> result) { }

    private static final java.util.Comparator<dev.strata.service.kv.ItemKey> KEY_ORDER = java.util.Comparator
            .comparing(dev.strata.service.kv.ItemKey::tenant)
            .thenComparing(dev.strata.service.kv.ItemKey::namespace)
            .thenComparing(dev.strata.service.kv.ItemKey::key);

    private final DataSource dataSource;
    private final BlockingQueue<Pending> queue;
    private final int maxBatch;
    private final LongSupplier clockMs;
    private final List<Thread> committers = new ArrayList<>();
    private final DistributionSummary batchSizes;
    private final Timer commitTimer;
    private final Counter unavailableFailures;
    private final Counter otherFailures;
    private volatile boolean running = true;

    public GroupCommitter(DataSource dataSource, int maxBatch, int queueCapacity, LongSupplier clockMs, MeterRegistry registry) {
        this(dataSource, maxBatch, queueCapacity, 1, clockMs, registry);
    }

    /**
     * @param committerThreads groups committed in parallel; more than one overlaps one group's
     *     statements with another's commit
     */
    public GroupCommitter(DataSource dataSource, int maxBatch, int queueCapacity, int committerThreads, LongSupplier clockMs,
                          MeterRegistry registry) {
        this.dataSource = dataSource;
        this.maxBatch = maxBatch;
        this.clockMs = clockMs;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.batchSizes = DistributionSummary.builder(StrataMetrics.GROUP_COMMIT_BATCH_SIZE)
                .description("Writes coalesced into one PostgreSQL transaction")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024)
                .register(registry);
        this.commitTimer = Timer.builder(StrataMetrics.GROUP_COMMIT_DURATION)
                .description("Time to execute and commit one group")
                .serviceLevelObjectives(StrataMetrics.LATENCY_BUCKETS)
                .register(registry);
        this.unavailableFailures = Counter.builder(StrataMetrics.DURABLE_WRITE_FAILURES).tag("reason", "unavailable")
                .description("Durable writes that were not committed").register(registry);
        this.otherFailures = Counter.builder(StrataMetrics.DURABLE_WRITE_FAILURES).tag("reason", "error")
                .description("Durable writes that were not committed").register(registry);
        Gauge.builder(StrataMetrics.GROUP_COMMIT_QUEUE_DEPTH, queue, BlockingQueue::size)
                .description("Writes waiting for the next group commit").register(registry);
        Gauge.builder(StrataMetrics.GROUP_COMMIT_QUEUE_CAPACITY, () -> queueCapacity)
                .description("Bound of the group-commit queue").register(registry);
        for (int i = 0; i < committerThreads; i++) {
            committers.add(Thread.ofPlatform().name("strata-group-commit-" + i).daemon().start(this::run));
        }
    }

    /** Queues a write; the future completes once its group has committed (or failed). */
    public CompletableFuture<WriteResult> submit(WriteOp op) {
        CompletableFuture<WriteResult> result = new CompletableFuture<>();
        if (!running) {
            result.completeExceptionally(new DurableUnavailableException("the server is shutting down", null));
        } else if (!queue.offer(new Pending(op, result))) {
            unavailableFailures.increment();
            result.completeExceptionally(new DurableUnavailableException(
                    "too many writes are waiting for PostgreSQL (" + queue.size() + " queued)", null));
        }
        return result;
    }

    private void run() {
        List<Pending> group = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, maxBatch - 1);
                commitGroup(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("group commit loop error", e);
                group.forEach(p -> p.result().completeExceptionally(e));
            } finally {
                group.clear();
            }
        }
    }

    private void commitGroup(List<Pending> group) {
        batchSizes.record(group.size());
        long start = System.nanoTime();
        try {
            List<WriteResult> results = executeInOneTransaction(group.stream().map(Pending::op).toList());
            commitTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            for (int i = 0; i < group.size(); i++) {
                group.get(i).result().complete(results.get(i));
            }
        } catch (SQLException e) {
            if (DurableTier.isConnectivityProblem(e) || group.size() == 1) {
                failAll(group, e);
            } else {
                // Something in the group was bad; give every write its own transaction and its own answer.
                for (Pending pending : group) {
                    commitGroup(List.of(pending));
                }
            }
        }
    }

    private List<WriteResult> executeInOneTransaction(List<WriteOp> ops) throws SQLException {
        long nowMs = clockMs.getAsLong();
        // Rows are locked in key order so concurrent groups cannot deadlock; the sort is stable, so
        // two writes to one key keep their arrival order.
        Integer[] order = new Integer[ops.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparing((Integer i) -> ops.get(i).key(), KEY_ORDER));
        List<WriteOp> sorted = new ArrayList<>(ops.size());
        for (Integer i : order) {
            sorted.add(ops.get(i));
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<WriteResult> sortedResults = ItemStatements.applyAll(connection, sorted, nowMs);
                connection.commit();
                WriteResult[] results = new WriteResult[ops.size()];
                for (int i = 0; i < order.length; i++) {
                    results[order[i]] = sortedResults.get(i);
                }
                return java.util.Arrays.asList(results);
            } catch (SQLException | RuntimeException e) {
                DurableTier.rollbackQuietly(connection);
                throw e;
            }
        }
    }

    private void failAll(List<Pending> group, SQLException e) {
        RuntimeException failure = DurableTier.translate(e, group.getFirst().op().key().tenant());
        if (failure instanceof DurableUnavailableException) {
            unavailableFailures.increment(group.size());
        } else {
            otherFailures.increment(group.size());
        }
        group.forEach(p -> p.result().completeExceptionally(failure));
    }

    @Override
    public void close() {
        running = false;
        try {
            for (Thread committer : committers) {
                committer.join(TimeUnit.SECONDS.toMillis(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending leftover;
        while ((leftover = queue.poll()) != null) {
            leftover.result().completeExceptionally(new DurableUnavailableException("the server is shutting down", null));
        }
    }
}

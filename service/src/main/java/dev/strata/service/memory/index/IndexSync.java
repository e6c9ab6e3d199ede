package dev.strata.service.memory.index;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps the {@link MemoryIndex} equal to the memories table: a full rebuild at start-up, then the
 * change feed. A writer also applies its own changes before it acknowledges them
 * ({@link #apply}), so a write is searchable at once on the instance that took it and within
 * about one poll interval on the others.
 */
public final class IndexSync implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IndexSync.class);
    private static final long PRUNE_EVERY_MS = 60_000;

    private final MemoryIndex index;
    private final IndexSource source;
    private final JdbcTemplate jdbc;
    private final long pollMs;
    private final boolean compactAfterRebuild;
    private volatile ChangeFeed feed;
    private final ReentrantLock applying = new ReentrantLock();
    /** The feed remembers what it delivered: one poller at a time (the follower, or a writer catching up). */
    private final ReentrantLock polling = new ReentrantLock();
    private final ExecutorService maintenance = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("strata-memory-maintenance").factory());
    private Thread follower;
    private volatile boolean running = true;
    private volatile long rebuildMs;
    private volatile java.util.concurrent.Future<?> compaction = java.util.concurrent.CompletableFuture.completedFuture(null);
    private long lastPruneMs;

    public IndexSync(MemoryIndex index, IndexSource source, JdbcTemplate jdbc, long pollMs, boolean compactAfterRebuild) {
        this.index = index;
        this.source = source;
        this.jdbc = jdbc;
        this.pollMs = pollMs;
        this.compactAfterRebuild = compactAfterRebuild;
    }

    /** Rebuilds the index from PostgreSQL, then starts following the change feed. */
    public void start() {
        long feedStart = ChangeFeed.startFor(jdbc);
        rebuildMs = rebuild(source, index, Runtime.getRuntime().availableProcessors());
        log.info("Memory index rebuilt from PostgreSQL: {} memories, {} bytes, in {} ms", index.documents(), index.sizeBytes(), rebuildMs);
        feed = new ChangeFeed(jdbc, feedStart);
        follower = Thread.ofPlatform().daemon().name("strata-memory-feed").start(this::follow);
        if (compactAfterRebuild && index.segments() > 1) {
            compaction = compactSoon();
        }
    }

    /**
     * Merges the index into one segment in the background. The rebuild leaves one segment per
     * flush (18 at a million memories), each with its own HNSW graph that every search walks;
     * one graph answered 6-18 times faster (docs/benchmarks/semantic.md). Searches and writes go on
     * meanwhile (the merge covers the segments present when it starts); it takes minutes of one
     * core at a million memories.
     */
    java.util.concurrent.Future<?> compactSoon() {
        return maintenance.submit(() -> {
            long started = System.nanoTime();
            int before = index.segments();
            try {
                index.forceMerge(1);
                log.info("Memory index compacted from {} segments to {} in {} ms", before, index.segments(), (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException e) {
                log.warn("Memory index could not be compacted (searches stay correct, only slower): {}", e.getMessage());
            }
        });
    }

    /**
     * Streams every memory from PostgreSQL into an empty index; returns the milliseconds taken.
     * Building the HNSW graph dominates, so batches are added from one thread per core while the
     * scan goes on (a bounded hand-off keeps memory flat).
     */
    public static long rebuild(IndexSource source, MemoryIndex index, int threads) {
        long started = System.nanoTime();
        ExecutorService workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(threads * 2),
                new ThreadPoolExecutor.CallerRunsPolicy());
        List<Future<?>> pending = new ArrayList<>();
        try {
            source.scanAll(1000, batch -> pending.add(workers.submit(() -> index.add(batch))));
            for (Future<?> future : pending) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rebuilding the memory index", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("memory index rebuild failed", e.getCause());
        } finally {
            workers.shutdownNow();
        }
        index.refresh();
        return (System.nanoTime() - started) / 1_000_000;
    }

    /**
     * Brings these memories in the index to their current state in PostgreSQL and refreshes.
     * Serialized: otherwise a writer that read a row before a concurrent delete could re-add it
     * after the delete was applied, leaving a ghost entry. With the lock, the apply that runs last
     * read last, and PostgreSQL only moves forward.
     */
    public void apply(List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        // A lock, not synchronized: request threads are virtual, and JDBC inside synchronized pins them on Java 21.
        applying.lock();
        try {
            List<IndexedMemory> rows = source.load(ids);
            Set<String> deleted = new HashSet<>(ids);
            rows.forEach(row -> deleted.remove(row.id()));
            index.upsert(rows);
            if (!deleted.isEmpty()) {
                index.delete(List.copyOf(deleted));
            }
            index.refresh();
        } finally {
            applying.unlock();
        }
    }

    /**
     * Applies every change committed so far by any instance. The follower does this every poll
     * interval; a writer calls it to check for duplicates against memories other instances wrote
     * moments ago, which the follower may not have brought in yet.
     */
    public void catchUp() {
        ChangeFeed current = feed;
        if (current == null) {
            return;
        }
        polling.lock();
        try {
            apply(current.poll(System.currentTimeMillis()));
        } finally {
            polling.unlock();
        }
    }

    private void follow() {
        while (running) {
            try {
                long now = System.currentTimeMillis();
                catchUp();
                if (now - lastPruneMs > PRUNE_EVERY_MS) {
                    jdbc.update("DELETE FROM memory_changes WHERE at < now() - interval '1 hour'");
                    lastPruneMs = now;
                }
                Thread.sleep(pollMs);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // PostgreSQL away: keep the index as it is and retry; the feed position is kept.
                log.warn("Memory index could not follow the change feed: {}", e.getMessage());
                sleepQuietly(1000);
            }
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public MemoryIndex index() {
        return index;
    }

    /**
     * Schedules {@link MemoryIndex#expungeDeletes()} after an erasure, so the erased texts and
     * vectors leave the index files too (here; other instances at their next merge or restart).
     * Returns at once: at a million memories the rewrite takes minutes.
     */
    public void purgeDeletedSoon() {
        // Not under the apply lock: Lucene merges alongside indexing, and at a million memories the
        // rewrite takes minutes that writers (who apply before they acknowledge) must not wait out.
        maintenance.execute(() -> {
            try {
                index.expungeDeletes();
            } catch (RuntimeException e) {
                log.warn("Memory index could not expunge deleted documents: {}", e.getMessage());
            }
        });
    }

    /** Whether the post-rebuild compaction is still running. */
    public boolean compacting() {
        return !compaction.isDone();
    }

    /** Waits for the post-rebuild compaction (tests and benchmarks). */
    void awaitCompaction() throws Exception {
        compaction.get();
    }

    /** The change-feed sequence number up to which every change is applied. */
    public long feedPosition() {
        ChangeFeed current = feed;
        return current == null ? 0 : current.watermark();
    }

    public long rebuildMs() {
        return rebuildMs;
    }

    @Override
    public void close() {
        running = false;
        maintenance.shutdownNow();
        if (follower != null) {
            follower.interrupt();
            try {
                follower.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package dev.strata.service.memory.embedding;

import dev.strata.service.api.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;

/**
 * Collects texts from concurrent requests into batches for the model: one model call for many
 * small writes costs far less than one call each (the ONNX session pads a batch once). It runs on
 * its own threads, away from the key/value request path. The queue is bounded: a full queue
 * answers 503 rather than letting latency grow without limit.
 */
public final class EmbeddingBatcher implements AutoCloseable {

    private record Job(List<String> texts, CompletableFuture<List<float[]>> result) { }

    private final EmbeddingProvider provider;
    private final int maxBatch;
    private final BlockingQueue<Job> queue = new ArrayBlockingQueue<>(10_000);
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running = true;

    public EmbeddingBatcher(EmbeddingProvider provider, int maxBatch, int threads) {
        this.provider = provider;
        this.maxBatch = maxBatch;
        for (int i = 0; i < threads; i++) {
            Thread worker = Thread.ofPlatform().daemon().name("strata-embed-" + i).start(this::run);
            workers.add(worker);
        }
    }

    public EmbeddingProvider provider() {
        return provider;
    }

    /** Embeds the texts, waiting at most 60 s. */
    public List<float[]> embed(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        Job job = new Job(texts, new CompletableFuture<>());
        if (!queue.offer(job)) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "embedding-overloaded", "Embedding queue full",
                    "Too many texts are waiting to be embedded; retry later.", null, 1L);
        }
        try {
            return job.result().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while embedding", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("embedding failed", e instanceof ExecutionException ? e.getCause() : e);
        }
    }

    public float[] embedOne(String text) {
        return embed(List.of(text)).get(0);
    }

    private void run() {
        while (running) {
            try {
                Job first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Job> jobs = new ArrayList<>();
                jobs.add(first);
                int size = first.texts().size();
                Job next;
                while (size < maxBatch && (next = queue.peek()) != null && size + next.texts().size() <= maxBatch) {
                    // Another worker may have taken the peeked job meanwhile: take what is really there (maybe
                    // nothing). A larger job than peeked is fine, process() splits at maxBatch.
                    Job taken = queue.poll();
                    if (taken == null) {
                        break;
                    }
                    jobs.add(taken);
                    size += taken.texts().size();
                }
                process(jobs);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void process(List<Job> jobs) {
        try {
            List<String> texts = new ArrayList<>();
            jobs.forEach(job -> texts.addAll(job.texts()));
            List<float[]> vectors = new ArrayList<>(texts.size());
            for (int from = 0; from < texts.size(); from += maxBatch) {
                vectors.addAll(provider.embed(texts.subList(from, Math.min(texts.size(), from + maxBatch))));
            }
            int offset = 0;
            for (Job job : jobs) {
                job.result().complete(vectors.subList(offset, offset + job.texts().size()));
                offset += job.texts().size();
            }
        } catch (RuntimeException e) {
            jobs.forEach(job -> job.result().completeExceptionally(e));
        }
    }

    @Override
    public void close() {
        running = false;
        workers.forEach(Thread::interrupt);
    }
}

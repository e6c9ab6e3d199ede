package dev.strata.service.memory.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Several batching workers draining one queue: a worker that peeked a job another worker took
 * first must neither die nor strand the jobs it already holds (found by {@code admin bench}
 * with semantic searches: one search hung until the client's timeout).
 */
class EmbeddingBatcherConcurrencyTest {

    /** Vectors that encode the text's length, so each caller can check it got its own answer. */
    private static final EmbeddingProvider LENGTHS = new EmbeddingProvider() {
        @Override
        public int dimensions() {
            return 1;
        }

        @Override
        public String modelId() {
            return "lengths";
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            return texts.stream().map(t -> new float[] {t.length()}).toList();
        }
    };

    @Test
    void everyConcurrentCallGetsItsOwnVectorsFromManyWorkers() throws Exception {
        try (EmbeddingBatcher batcher = new EmbeddingBatcher(LENGTHS, 64, 4);
             ExecutorService callers = Executors.newFixedThreadPool(64)) {
            List<Future<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 100_000; i++) {
                String text = "x".repeat(1 + i % 7);
                List<String> texts = i % 3 == 0 ? List.of(text, text + "y") : List.of(text);
                calls.add(callers.submit(() -> {
                    List<float[]> vectors = batcher.embed(texts);
                    for (int t = 0; t < texts.size(); t++) {
                        if (vectors.get(t)[0] != texts.get(t).length()) {
                            return false;
                        }
                    }
                    return vectors.size() == texts.size();
                }));
            }
            for (Future<Boolean> call : calls) {
                assertThat(call.get(20, TimeUnit.SECONDS)).isTrue();
            }
        }
    }
}

package dev.strata.service.memory;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.service.memory.embedding.EmbeddingBatcher;
import dev.strata.service.memory.embedding.EmbeddingProvider;
import dev.strata.service.memory.embedding.MiniLmEmbeddingProvider;
import dev.strata.service.memory.embedding.TokenCounter;
import dev.strata.service.memory.index.IndexSource;
import dev.strata.service.memory.index.IndexSync;
import dev.strata.service.memory.index.MemoryIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Wires the embedding model, the index and its synchronisation with PostgreSQL. */
@Configuration(proxyBeanMethods = false)
public class MemoryConfiguration {

    @Bean
    EmbeddingProvider embeddingProvider() {
        return new MiniLmEmbeddingProvider();
    }

    @Bean(destroyMethod = "close")
    EmbeddingBatcher embeddingBatcher(EmbeddingProvider provider, MemoryProperties properties) {
        // One worker per core: the model uses a core per call, and more calls than cores only queue in ONNX.
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        return new EmbeddingBatcher(provider, properties.embeddingBatch(), threads);
    }

    @Bean
    TokenCounter tokenCounter() {
        return new TokenCounter();
    }

    @Bean(destroyMethod = "close")
    MemoryIndex memoryIndex(MemoryProperties properties) {
        try {
            if (properties.indexDir().isBlank()) {
                return new MemoryIndex(Files.createTempDirectory("strata-memory-index"), true, properties.searchBeam());
            }
            Path dir = Path.of(properties.indexDir());
            Files.createDirectories(dir);
            return new MemoryIndex(dir, false, properties.searchBeam());
        } catch (IOException e) {
            throw new UncheckedIOException("strata.memory.index-dir: cannot create " + properties.indexDir(), e);
        }
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    IndexSync indexSync(MemoryIndex index, JdbcTemplate jdbc, ObjectMapper json, MemoryProperties properties) {
        return new IndexSync(index, new IndexSource(jdbc, json), jdbc, properties.feedPollMs(), properties.compactAfterRebuild());
    }
}

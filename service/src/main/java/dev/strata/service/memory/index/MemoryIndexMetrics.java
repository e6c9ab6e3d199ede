package dev.strata.service.memory.index;

import dev.strata.service.observability.StrataMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Exports the size of this instance's memory index and how long its start-up rebuild took, next to
 * the {@code memoryIndex} health details, so dashboards can watch index growth and rebuild time.
 */
@Component
public class MemoryIndexMetrics {

    public MemoryIndexMetrics(IndexSync sync, MeterRegistry registry) {
        Gauge.builder(StrataMetrics.MEMORY_INDEX_DOCUMENTS, sync, s -> s.index().documents())
                .description("Long-term memories in this instance's search index").register(registry);
        Gauge.builder(StrataMetrics.MEMORY_INDEX_SIZE, sync, s -> s.index().sizeBytes())
                .description("Size of this instance's search index files").baseUnit("bytes").register(registry);
        Gauge.builder(StrataMetrics.MEMORY_INDEX_REBUILD, sync, s -> s.rebuildMs() / 1000.0)
                .description("Duration of the start-up rebuild of the search index from PostgreSQL")
                .baseUnit("seconds").register(registry);
        Gauge.builder(StrataMetrics.MEMORY_INDEX_SEGMENTS, sync, s -> s.index().segments())
                .description("Segments of this instance's search index: a search walks one HNSW graph per segment").register(registry);
    }
}

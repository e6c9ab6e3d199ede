package dev.strata.service.memory.index;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Reports the memory index in {@code /actuator/health} as {@code memoryIndex}: documents, size on
 * disk, how long the start-up rebuild took, segments (and whether the post-rebuild compaction is
 * still running) and the change-feed position. Always UP once built:
 * the index only exists after a successful rebuild.
 */
@Component("memoryIndexHealthIndicator")
public class MemoryIndexHealth implements HealthIndicator {

    private final IndexSync sync;

    public MemoryIndexHealth(IndexSync sync) {
        this.sync = sync;
    }

    @Override
    public Health health() {
        return Health.up()
                .withDetail("documents", sync.index().documents())
                .withDetail("sizeBytes", sync.index().sizeBytes())
                .withDetail("rebuildMs", sync.rebuildMs())
                .withDetail("segments", sync.index().segments())
                .withDetail("compacting", sync.compacting())
                .withDetail("feedPosition", sync.feedPosition())
                .build();
    }
}

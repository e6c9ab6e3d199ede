package dev.strata.service.tier.durable;

import dev.strata.service.observability.StrataMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes expired rows from PostgreSQL in small batches. Expired items are already invisible
 * (every read filters on expiry); this only reclaims space.
 */
@Component
public class ExpiredItemPurger {

    private static final Logger log = LoggerFactory.getLogger(ExpiredItemPurger.class);
    private static final int BATCH = 5000;

    private final DurableTier durable;
    private final Counter purged;

    public ExpiredItemPurger(DurableTier durable, MeterRegistry registry) {
        this.durable = durable;
        this.purged = Counter.builder(StrataMetrics.EXPIRED_PURGED)
                .description("Expired rows removed from PostgreSQL").register(registry);
    }

    @Scheduled(fixedDelayString = "${strata.durable.purge-interval-seconds:60}", initialDelayString = "${strata.durable.purge-interval-seconds:60}",
            timeUnit = java.util.concurrent.TimeUnit.SECONDS)
    public void purge() {
        try {
            int removed;
            do {
                removed = durable.purgeExpired(BATCH);
                purged.increment(removed);
            } while (removed == BATCH);
        } catch (RuntimeException e) {
            log.warn("Purging expired items failed (will retry): {}", e.getMessage());
        }
    }
}

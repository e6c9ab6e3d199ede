package dev.strata.service.tier.warm;

import dev.strata.service.observability.StrataMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/** Wires the warm tier: Redis when {@code strata.warm.url} is set, otherwise the no-op tier. */
@Configuration(proxyBeanMethods = false)
public class WarmTierConfiguration {

    private static final Logger log = LoggerFactory.getLogger(WarmTierConfiguration.class);

    /** Readiness reports this status while Redis is down: the server still serves, so HTTP 200. */
    public static final Status DEGRADED = new Status("DEGRADED", "Redis unreachable; serving from hot + durable tiers");

    @Bean(destroyMethod = "")
    WarmTier warmTier(WarmTierProperties properties, MeterRegistry registry) {
        if (!properties.enabled()) {
            log.info("Warm tier disabled (set STRATA_WARM_URL=redis://host:6379 to share a Redis tier between instances)");
            return new NoWarmTier();
        }
        Counter errors = Counter.builder(StrataMetrics.WARM_ERRORS)
                .description("Redis calls that failed and were served from another tier").register(registry);
        Counter reattaches = Counter.builder(StrataMetrics.WARM_REATTACH)
                .description("Times the server re-attached to Redis after an outage").register(registry);
        RedisWarmTier tier = RedisWarmTier.connect(properties, errors, reattaches);
        Gauge.builder(StrataMetrics.WARM_AVAILABLE, tier, t -> t.isAvailable() ? 1 : 0)
                .description("1 while Redis is attached, 0 while degraded").register(registry);
        log.info("Warm tier: Redis {} ({})", properties.cluster() ? "cluster" : "standalone",
                RedisClients.parse(properties.url()).getHost());
        return tier;
    }

    @Bean
    WarmTierLifecycle warmTierLifecycle(WarmTier warmTier) {
        return new WarmTierLifecycle(warmTier);
    }

    @Bean("redis")
    HealthIndicator redisHealthIndicator(WarmTier warmTier) {
        return () -> {
            if (!warmTier.isEnabled()) {
                return Health.up().withDetail("enabled", false).build();
            }
            return warmTier.isAvailable()
                    ? Health.up().withDetail("enabled", true).build()
                    : Health.status(DEGRADED).withDetail("enabled", true).build();
        };
    }

    /** Re-attach checks and shutdown for the Redis tier. */
    public static final class WarmTierLifecycle implements AutoCloseable {
        private final WarmTier warmTier;

        WarmTierLifecycle(WarmTier warmTier) {
            this.warmTier = warmTier;
        }

        @Scheduled(fixedDelay = 1000)
        public void reattach() {
            if (warmTier instanceof RedisWarmTier redis) {
                redis.tryReattach();
            }
        }

        @Override
        public void close() {
            if (warmTier instanceof RedisWarmTier redis) {
                redis.close();
            }
        }
    }
}

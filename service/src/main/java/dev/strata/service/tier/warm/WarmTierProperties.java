package dev.strata.service.tier.warm;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code strata.warm.*}: the shared Redis tier. Disabled when {@code url} is empty.
 *
 * @param url {@code redis://[user:password@]host:port} or {@code rediss://…} for TLS
 * @param cluster true for Redis Cluster (the URL then names one seed node)
 * @param timeoutMs connect and socket timeout; kept short so an outage degrades instead of stalling
 * @param poolSize maximum pooled connections
 * @param maxTtlSeconds cap on how long a durable item is cached in Redis (ephemeral items keep their own TTL)
 */
@Validated
@ConfigurationProperties("strata.warm")
public record WarmTierProperties(
        String url,
        boolean cluster,
        @Min(value = 10, message = "strata.warm.timeout-ms must be at least 10") int timeoutMs,
        @Min(value = 1, message = "strata.warm.pool-size must be at least 1") int poolSize,
        @Min(value = 1, message = "strata.warm.max-ttl-seconds must be at least 1") long maxTtlSeconds) {

    public boolean enabled() {
        return url != null && !url.isBlank();
    }
}

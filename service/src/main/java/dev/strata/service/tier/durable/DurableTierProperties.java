package dev.strata.service.tier.durable;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code strata.durable.*}: PostgreSQL, the source of truth. An empty {@code url} starts the
 * embedded PostgreSQL configured under {@code strata.embedded.*}.
 */
@Validated
@ConfigurationProperties("strata.durable")
public record DurableTierProperties(
        String url,
        String username,
        String password,
        @Min(value = 2, message = "strata.durable.pool-size must be at least 2") int poolSize,
        @Min(value = 250, message = "strata.durable.connection-timeout-ms must be at least 250") long connectionTimeoutMs,
        @Valid GroupCommit groupCommit,
        @Min(value = 1, message = "strata.durable.purge-interval-seconds must be at least 1") long purgeIntervalSeconds) {

    public boolean embedded() {
        return url == null || url.isBlank();
    }

    /**
     * @param maxBatch most writes coalesced into one transaction
     * @param queueCapacity writes allowed to wait; beyond it writes are refused with 503 rather than
     *     queueing without bound
     */
    public record GroupCommit(
            @Min(value = 1, message = "strata.durable.group-commit.max-batch must be at least 1")
            @Max(value = 10000, message = "strata.durable.group-commit.max-batch must be at most 10000") int maxBatch,
            @Min(value = 1, message = "strata.durable.group-commit.queue-capacity must be at least 1") int queueCapacity,
            @Min(value = 1, message = "strata.durable.group-commit.threads must be at least 1")
            @Max(value = 64, message = "strata.durable.group-commit.threads must be at most 64") int threads) {
    }

    @Override
    public String toString() {
        // Never let the password reach a log line through toString().
        return "DurableTierProperties[url=" + url + ", username=" + username + ", password=****, poolSize=" + poolSize + "]";
    }
}

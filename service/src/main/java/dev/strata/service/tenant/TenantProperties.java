package dev.strata.service.tenant;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code strata.admin.*} and {@code strata.rate-limit.*} live in separate records; this one is the
 * rate limit applied to a tenant that has no limit of its own.
 */
@Validated
@ConfigurationProperties("strata.rate-limit")
public record TenantProperties(
        @Min(value = 1, message = "strata.rate-limit.requests-per-second must be at least 1") int requestsPerSecond,
        @Min(value = 1, message = "strata.rate-limit.burst must be at least 1") int burst) {
}

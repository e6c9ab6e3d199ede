package dev.strata.service.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code strata.api.*}: request limits of the HTTP API. */
@Validated
@ConfigurationProperties("strata.api")
public record ApiProperties(
        @Min(value = 16, message = "strata.api.max-body-bytes must be at least 16")
        @Max(value = 67108864, message = "strata.api.max-body-bytes must be at most 64 MiB") int maxBodyBytes,
        @Min(value = 1, message = "strata.api.max-batch-operations must be at least 1")
        @Max(value = 10000, message = "strata.api.max-batch-operations must be at most 10000") int maxBatchOperations,
        @Min(value = 1, message = "strata.api.max-list-limit must be at least 1") int maxListLimit) {
}

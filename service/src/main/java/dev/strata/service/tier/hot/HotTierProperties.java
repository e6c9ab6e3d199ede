package dev.strata.service.tier.hot;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code strata.hot.*}: the in-process tier.
 *
 * @param maxBytes byte budget of the hot tier (keys + values + per-entry overhead)
 * @param maxStalenessSeconds upper bound on how long an entry may stay hot without being re-read
 *     from a lower tier; a safety net should a cross-instance invalidation ever be lost
 * @param policy which items stay hot: {@code caffeine} (Caffeine's own cache, W-TinyLFU) or a
 *     placement policy by its registry name ({@code learned}, the default, {@code tinylfu},
 *     {@code s3fifo}, {@code sieve}, {@code lru}, {@code wtinylfu}); see placement/README.md
 * @param meanEntryBytes typical size of an item; the learned policy derives its time scales from
 *     {@code maxBytes / meanEntryBytes}
 * @param checkpointDir where the learned policy saves its model (every 50 model versions and at
 *     shutdown) and restores it from at start-up; empty = no checkpoint (the model starts cold)
 * @param plainShare byte budget, as a share of {@code maxBytes}, of the plain Caffeine tier that serves
 *     tenants whose {@code learned-placement} feature flag is off; created the first time one is seen
 */
@Validated
@ConfigurationProperties("strata.hot")
public record HotTierProperties(
        @Min(value = 1024, message = "strata.hot.max-bytes must be at least 1024") long maxBytes,
        @Min(value = 1, message = "strata.hot.max-staleness-seconds must be at least 1") long maxStalenessSeconds,
        String policy,
        @Min(value = 16, message = "strata.hot.mean-entry-bytes must be at least 16")
        @Max(value = 1048576, message = "strata.hot.mean-entry-bytes must be at most 1048576") Integer meanEntryBytes,
        String checkpointDir,
        @DecimalMin(value = "0.01", message = "strata.hot.plain-share must be between 0.01 and 1")
        @DecimalMax(value = "1", message = "strata.hot.plain-share must be between 0.01 and 1") Double plainShare) {

    public static final String DEFAULT_POLICY = "learned";

    public HotTierProperties {
        if (policy == null || policy.isBlank()) {
            policy = DEFAULT_POLICY;
        }
        if (meanEntryBytes == null) {
            meanEntryBytes = 1024;
        }
        if (checkpointDir == null) {
            checkpointDir = "";
        }
        if (plainShare == null) {
            plainShare = 0.25;
        }
    }
}

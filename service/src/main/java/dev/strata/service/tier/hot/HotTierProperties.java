package dev.strata.service.tier.hot;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import jakarta.validation.constraints.Min;

/**
 * {@code strata.hot.*}: the in-process tier.
 *
 * @param maxBytes byte budget of the hot tier (keys + values + per-entry overhead)
 * @param maxStalenessSeconds upper bound on how long an entry may stay hot without being re-read
 *     from a lower tier; a safety net should a cross-instance invalidation ever be lost
 * @param policy eviction policy: {@code caffeine} (W-TinyLFU, the default) or a name from the
 *     placement registry
 */
@Validated
@ConfigurationProperties("strata.hot")
public record HotTierProperties(
        @Min(value = 1024, message = "strata.hot.max-bytes must be at least 1024") long maxBytes,
        @Min(value = 1, message = "strata.hot.max-staleness-seconds must be at least 1") long maxStalenessSeconds,
        String policy) {

    public HotTierProperties {
        if (policy == null || policy.isBlank()) {
            policy = "caffeine";
        }
    }
}

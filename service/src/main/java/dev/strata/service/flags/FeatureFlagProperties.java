package dev.strata.service.flags;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code strata.features.*}: defaults for tenants without an explicit switch, and how long an
 * instance may serve a cached flag (the bound on how quickly a change made on another instance applies).
 *
 * @param defaults the state of each feature for tenants that have no row in tenant_feature_flags
 * @param cacheTtlMs how long flags are cached per instance
 */
@Validated
@ConfigurationProperties("strata.features")
public record FeatureFlagProperties(
        Defaults defaults,
        @Min(value = 100, message = "strata.features.cache-ttl-ms must be at least 100")
        @Max(value = 60000, message = "strata.features.cache-ttl-ms must be at most 60000") long cacheTtlMs) {

    public FeatureFlagProperties {
        defaults = defaults == null ? new Defaults(null, null, null) : defaults;
        cacheTtlMs = cacheTtlMs == 0 ? 2000 : cacheTtlMs;
    }

    /** Unset means on, so a server without any flag configuration behaves as before flags existed. */
    public record Defaults(Boolean sessions, Boolean longTermMemory, Boolean learnedPlacement) {
        public boolean of(Feature feature) {
            Boolean value = switch (feature) {
                case SESSIONS -> sessions;
                case LONG_TERM_MEMORY -> longTermMemory;
                case LEARNED_PLACEMENT -> learnedPlacement;
            };
            return value == null || value;
        }
    }
}

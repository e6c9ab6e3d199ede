package dev.strata.service.prune;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code strata.prune.*}: what the scheduled prune job removes. Off by default: with no limits it
 * would only remove expired rows, which the expiry purge already does; limits delete live data and
 * must be chosen by an operator.
 *
 * @param enabled run the job in the server
 * @param intervalSeconds pause between runs
 * @param defaultLimits limits for tenants without their own entry (0 = no limit)
 * @param tenants per-tenant limits, by tenant id
 */
@Validated
@ConfigurationProperties("strata.prune")
public record PruneProperties(
        boolean enabled,
        @Min(value = 60, message = "strata.prune.interval-seconds must be at least 60") long intervalSeconds,
        @Valid Limits defaultLimits,
        Map<String, @Valid Limits> tenants) {

    public PruneProperties {
        intervalSeconds = intervalSeconds == 0 ? 3600 : intervalSeconds;
        defaultLimits = defaultLimits == null ? Limits.NONE : defaultLimits;
        tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
    }

    public Limits limitsFor(String tenant) {
        return tenants.getOrDefault(tenant, defaultLimits);
    }

    /**
     * Limits of one tenant; 0 means unlimited. Over a count or byte limit the oldest items (by last
     * write) go first. Long-term memories have their own limits: beyond max memories per user the
     * lowest-importance memories go first (ties: oldest first); older than max memory age (by last
     * write) they go whatever their importance.
     */
    public record Limits(
            @Min(value = 0, message = "strata.prune max-items must not be negative") long maxItems,
            @Min(value = 0, message = "strata.prune max-bytes must not be negative") long maxBytes,
            @Min(value = 0, message = "strata.prune max-age-seconds must not be negative") long maxAgeSeconds,
            @Min(value = 0, message = "strata.prune max-memories-per-user must not be negative") long maxMemoriesPerUser,
            @Min(value = 0, message = "strata.prune max-memory-age-seconds must not be negative") long maxMemoryAgeSeconds) {

        public static final Limits NONE = new Limits(0, 0, 0, 0, 0);

        @org.springframework.boot.context.properties.bind.ConstructorBinding
        public Limits {
        }

        /** Item limits only (no memory limits). */
        public Limits(long maxItems, long maxBytes, long maxAgeSeconds) {
            this(maxItems, maxBytes, maxAgeSeconds, 0, 0);
        }

        public boolean isUnlimited() {
            return itemsUnlimited() && memoriesUnlimited();
        }

        public boolean itemsUnlimited() {
            return maxItems == 0 && maxBytes == 0 && maxAgeSeconds == 0;
        }

        public boolean memoriesUnlimited() {
            return maxMemoriesPerUser == 0 && maxMemoryAgeSeconds == 0;
        }
    }
}

package dev.strata.service.flags;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Per-tenant feature switches: the explicit switch from PostgreSQL, else the configured default.
 * Each instance caches a tenant's switches and re-reads them in the background once they are older
 * than {@code strata.features.cache-ttl-ms}, which bounds how long another instance keeps applying the
 * previous state after a change; a change made through this instance applies here at once.
 *
 * <p>The hot tier asks on every read, so a lookup must never wait for PostgreSQL: a stale entry is
 * served while its refresh runs, a failed refresh keeps the last known state (PostgreSQL may be down
 * while the hot and warm tiers keep serving), and {@link #isEnabledOrDefault} answers the configured
 * default rather than fail when a tenant's switches were never loaded.
 */
public class FeatureFlags {

    private final FeatureFlagRepository repository;
    private final FeatureFlagProperties.Defaults defaults;
    private final LoadingCache<String, Map<Feature, Boolean>> cache;

    public FeatureFlags(FeatureFlagRepository repository, FeatureFlagProperties properties) {
        this.repository = repository;
        this.defaults = properties.defaults();
        this.cache = Caffeine.newBuilder()
                .refreshAfterWrite(Duration.ofMillis(properties.cacheTtlMs()))
                // Idle tenants' entries go eventually; an active tenant's entry is refreshed instead.
                .expireAfterAccess(Duration.ofHours(1))
                .maximumSize(100_000)
                .build(this::load);
    }

    /** Whether the feature is on for the tenant. Cheap: a cache lookup except once per TTL per tenant. */
    public boolean isEnabled(String tenantId, Feature feature) {
        return cache.get(tenantId).get(feature);
    }

    /**
     * Like {@link #isEnabled}, but never throws: when the tenant's switches cannot be read (PostgreSQL
     * unreachable and nothing cached yet) the configured default applies. For callers on the read path.
     */
    public boolean isEnabledOrDefault(String tenantId, Feature feature) {
        Map<Feature, Boolean> known = cache.getIfPresent(tenantId);
        if (known != null) {
            return known.get(feature);
        }
        try {
            return cache.get(tenantId).get(feature);
        } catch (RuntimeException unreadable) {
            return defaults.of(feature);
        }
    }

    /** Every feature's effective state for the tenant. */
    public Map<Feature, Boolean> effective(String tenantId) {
        return cache.get(tenantId);
    }

    /** Only the switches set explicitly for the tenant. */
    public Map<Feature, Boolean> overrides(String tenantId) {
        return repository.overrides(tenantId);
    }

    /** Sets (true/false) or resets (null) switches, then drops this instance's cached copy. */
    public void update(String tenantId, Map<Feature, Boolean> changes) {
        changes.forEach((feature, enabled) -> {
            if (enabled == null) {
                repository.reset(tenantId, feature);
            } else {
                repository.set(tenantId, feature, enabled);
            }
        });
        cache.invalidate(tenantId);
    }

    private Map<Feature, Boolean> load(String tenantId) {
        Map<Feature, Boolean> overrides = repository.overrides(tenantId);
        Map<Feature, Boolean> effective = new EnumMap<>(Feature.class);
        for (Feature feature : Feature.values()) {
            effective.put(feature, overrides.getOrDefault(feature, defaults.of(feature)));
        }
        return Collections.unmodifiableMap(effective);
    }
}

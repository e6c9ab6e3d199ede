package dev.strata.service.flags;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Per-tenant feature switches: the explicit switch from PostgreSQL, else the configured default.
 * Each instance caches a tenant's switches for {@code strata.features.cache-ttl-ms}, which bounds how
 * long another instance keeps applying the previous state after a change; a change made through this
 * instance applies here at once.
 */
public class FeatureFlags {

    private final FeatureFlagRepository repository;
    private final FeatureFlagProperties.Defaults defaults;
    private final LoadingCache<String, Map<Feature, Boolean>> cache;

    public FeatureFlags(FeatureFlagRepository repository, FeatureFlagProperties properties) {
        this.repository = repository;
        this.defaults = properties.defaults();
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofMillis(properties.cacheTtlMs()))
                .maximumSize(100_000)
                .build(this::load);
    }

    /** Whether the feature is on for the tenant. Cheap: a cache lookup except once per TTL per tenant. */
    public boolean isEnabled(String tenantId, Feature feature) {
        return cache.get(tenantId).get(feature);
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

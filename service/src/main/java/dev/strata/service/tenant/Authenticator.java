package dev.strata.service.tenant;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Resolves API keys to tenants. Lookups are cached for a few seconds so the database is not hit on
 * every request; that is also the bound on how long a revoked key keeps working on other instances.
 */
@Component
public class Authenticator {

    /** How long a key lookup (positive or negative) is trusted. */
    public static final Duration CACHE_TTL = Duration.ofSeconds(5);

    private final TenantRepository tenants;
    private final TenantProperties defaults;
    private final LoadingCache<String, Optional<TenantPrincipal>> byKeyHash;

    public Authenticator(TenantRepository tenants, TenantProperties defaults) {
        this.tenants = tenants;
        this.defaults = defaults;
        this.byKeyHash = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(CACHE_TTL).build(this::load);
    }

    public Optional<TenantPrincipal> authenticate(String apiKey) {
        if (apiKey.length() > 200 || !apiKey.startsWith("sk_")) {
            return Optional.empty();
        }
        return byKeyHash.get(HexFormat.of().formatHex(ApiKeys.hash(apiKey)));
    }

    private Optional<TenantPrincipal> load(String keyHashHex) {
        return tenants.tenantOfKey(HexFormat.of().parseHex(keyHashHex))
                .flatMap(tenants::find)
                .map(t -> new TenantPrincipal(t.id(), t.rateLimitPerSecond() == null ? defaults.requestsPerSecond() : t.rateLimitPerSecond()));
    }

    /** Forgets cached lookups (after a local revocation or tenant deletion). */
    public void invalidateAll() {
        byKeyHash.invalidateAll();
    }
}

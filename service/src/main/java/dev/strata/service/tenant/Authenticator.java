package dev.strata.service.tenant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.strata.service.tier.durable.DurableUnavailableException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Resolves API keys to tenants. Lookups are cached for a few seconds so the database is not hit on
 * every request; that is also the bound on how long a revoked key keeps working on other instances
 * while PostgreSQL is reachable. During a PostgreSQL outage keys verified within
 * {@link #OUTAGE_GRACE} keep working, since revocations cannot be read then anyway.
 */
@Component
public class Authenticator {

    /** How long a key lookup (positive or negative) is trusted. */
    public static final Duration CACHE_TTL = Duration.ofSeconds(5);

    /** How long a key verified once may still be honoured while PostgreSQL cannot be asked. */
    public static final Duration OUTAGE_GRACE = Duration.ofMinutes(10);

    private final TenantRepository tenants;
    private final TenantProperties defaults;
    private final LoadingCache<String, Optional<TenantPrincipal>> byKeyHash;
    private final Cache<String, TenantPrincipal> lastVerified;

    public Authenticator(TenantRepository tenants, TenantProperties defaults) {
        this.tenants = tenants;
        this.defaults = defaults;
        this.byKeyHash = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(CACHE_TTL).build(this::load);
        this.lastVerified = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(OUTAGE_GRACE).build();
    }

    public Optional<TenantPrincipal> authenticate(String apiKey) {
        if (apiKey.length() > 200 || !apiKey.startsWith("sk_")) {
            return Optional.empty();
        }
        return byKeyHash.get(HexFormat.of().formatHex(ApiKeys.hash(apiKey)));
    }

    /**
     * Looks the key up in PostgreSQL. While PostgreSQL is unreachable, a key verified within
     * {@link #OUTAGE_GRACE} is still honoured, so hot-tier reads keep working through an outage
     * (otherwise every request failed once its cache entry was {@link #CACHE_TTL} old); an unknown
     * key gets 503, not 500 (regression: PostgresOutageTest).
     */
    private Optional<TenantPrincipal> load(String keyHashHex) {
        try {
            Optional<TenantPrincipal> principal = tenants.tenantOfKey(HexFormat.of().parseHex(keyHashHex))
                    .flatMap(tenants::find)
                    .map(t -> new TenantPrincipal(t.id(), t.rateLimitPerSecond() == null ? defaults.requestsPerSecond() : t.rateLimitPerSecond()));
            principal.ifPresentOrElse(p -> lastVerified.put(keyHashHex, p), () -> lastVerified.invalidate(keyHashHex));
            return principal;
        } catch (DataAccessException e) {
            TenantPrincipal known = lastVerified.getIfPresent(keyHashHex);
            if (known != null) {
                return Optional.of(known);
            }
            throw new DurableUnavailableException("API keys cannot be verified: PostgreSQL is unavailable", e);
        }
    }

    /** Forgets cached lookups (after a local revocation or tenant deletion). */
    public void invalidateAll() {
        byKeyHash.invalidateAll();
        lastVerified.invalidateAll();
    }
}

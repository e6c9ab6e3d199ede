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
 * {@link #OUTAGE_GRACE} keep working, since revocations cannot be read then anyway. A key's end of
 * validity is checked at every request, cached or not, so an expired key stops at once everywhere.
 */
@Component
public class Authenticator {

    /** How long a key lookup (positive or negative) is trusted. */
    public static final Duration CACHE_TTL = Duration.ofSeconds(5);

    /** How long a key verified once may still be honoured while PostgreSQL cannot be asked. */
    public static final Duration OUTAGE_GRACE = Duration.ofMinutes(10);

    private final TenantRepository tenants;
    private final TenantProperties defaults;
    /** A verified key: its principal, and when it stops working (0: never). */
    private record Grant(TenantPrincipal principal, long expiresAtMs) {
        boolean validAt(long nowMs) {
            return expiresAtMs == 0 || nowMs < expiresAtMs;
        }
    }

    private final LoadingCache<String, Optional<Grant>> byKeyHash;
    private final Cache<String, Grant> lastVerified;

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
        long now = System.currentTimeMillis();
        return byKeyHash.get(HexFormat.of().formatHex(ApiKeys.hash(apiKey))).filter(grant -> grant.validAt(now)).map(Grant::principal);
    }

    /**
     * Looks the key up in PostgreSQL. While PostgreSQL is unreachable, a key verified within
     * {@link #OUTAGE_GRACE} is still honoured, so hot-tier reads keep working through an outage
     * (otherwise every request failed once its cache entry was {@link #CACHE_TTL} old); an unknown
     * key gets 503, not 500 (regression: PostgresOutageTest).
     */
    private Optional<Grant> load(String keyHashHex) {
        try {
            Optional<Grant> grant = tenants.grantOfKey(HexFormat.of().parseHex(keyHashHex))
                    .flatMap(key -> tenants.find(key.tenantId()).map(t -> new Grant(
                            new TenantPrincipal(t.id(), t.rateLimitPerSecond() == null ? defaults.requestsPerSecond() : t.rateLimitPerSecond()),
                            key.expiresAt() == null ? 0 : key.expiresAt().toEpochMilli())));
            grant.ifPresentOrElse(g -> lastVerified.put(keyHashHex, g), () -> lastVerified.invalidate(keyHashHex));
            return grant;
        } catch (DataAccessException e) {
            Grant known = lastVerified.getIfPresent(keyHashHex);
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

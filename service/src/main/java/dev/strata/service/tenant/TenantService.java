package dev.strata.service.tenant;

import dev.strata.service.coherence.CoherenceService;
import dev.strata.service.tier.hot.HotTier;
import dev.strata.service.tier.warm.WarmTier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Tenant lifecycle; deletion removes the tenant's data from every tier and reports what went. */
@Service
public class TenantService {

    private final TenantRepository tenants;
    private final WarmTier warm;
    private final HotTier hot;
    private final CoherenceService coherence;
    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;

    public TenantService(TenantRepository tenants, WarmTier warm, HotTier hot, CoherenceService coherence,
                         Authenticator authenticator, RateLimiter rateLimiter) {
        this.tenants = tenants;
        this.warm = warm;
        this.hot = hot;
        this.coherence = coherence;
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
    }

    /** Deletes a tenant everywhere; empty when it did not exist. */
    public Optional<Map<String, Object>> delete(String tenantId) {
        if (tenants.find(tenantId).isEmpty()) {
            return Optional.empty();
        }
        // PostgreSQL first: once the tenant row is gone no write can re-create its data (foreign key).
        Optional<Map<String, Long>> durableCounts = tenants.deleteCounting(tenantId);
        if (durableCounts.isEmpty()) {
            return Optional.empty();
        }
        long warmKeys = warm.removeTenant(tenantId);
        long hotEntries = hot.removeTenant(tenantId);
        coherence.tenantDeleted(tenantId);
        authenticator.invalidateAll();
        rateLimiter.forget(tenantId);
        Map<String, Object> removed = new LinkedHashMap<>(durableCounts.get());
        removed.put("warmKeys", warmKeys);
        removed.put("hotEntries", hotEntries);
        Map<String, Object> receipt = new LinkedHashMap<>();
        receipt.put("tenant", tenantId);
        receipt.put("deleted", true);
        receipt.put("removed", removed);
        receipt.put("warmTier", warm.isEnabled() ? (warm.isAvailable() ? "cleared" : "unavailable; stale copies are dropped on re-attach")
                : "disabled");
        return Optional.of(receipt);
    }
}

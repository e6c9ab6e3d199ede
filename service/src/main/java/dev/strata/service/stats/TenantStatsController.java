package dev.strata.service.stats;

import dev.strata.service.api.RequestBodies;
import dev.strata.service.observability.TenantHitCounters;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/admin/stats/tenants} (admin token): this instance's read hits and misses per tenant
 * and tier since it started. {@code admin stats --server} sums them over the instances it is given.
 */
@RestController
public class TenantStatsController {

    private final TenantHitCounters counters;
    private final StatsSampler sampler;

    public TenantStatsController(TenantHitCounters counters, StatsSampler sampler) {
        this.counters = counters;
        this.sampler = sampler;
    }

    @GetMapping("/v1/admin/stats/tenants")
    ResponseEntity<Map<String, Object>> tenants(HttpServletRequest request) {
        RequestBodies.allowOnly(request, Set.of());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("instance", sampler.instanceId());
        answer.put("startedAt", sampler.startedAt().toString());
        Map<String, Object> tenants = new LinkedHashMap<>();
        counters.snapshot().forEach((tenant, tiers) -> tenants.put(tenant, view(tiers)));
        answer.put("tenants", tenants);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(answer);
    }

    /** tier → {hits, misses, hitRatio} with the ratio rounded to 3 places. */
    static Map<String, Object> view(Map<String, TenantHitCounters.Counts> tiers) {
        Map<String, Object> view = new LinkedHashMap<>();
        tiers.forEach((tier, counts) -> view.put(tier, Map.of("hits", counts.hits(), "misses", counts.misses(),
                "hitRatio", Math.round(counts.hitRatio() * 1000) / 1000.0)));
        return view;
    }
}

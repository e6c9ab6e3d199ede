package dev.strata.service.stats;

import dev.strata.service.api.RequestBodies;
import dev.strata.service.observability.TenantHitCounters;
import dev.strata.service.tier.hot.HotTier;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/admin/stats/tenants} (admin token): per tenant, this instance's read hits and misses
 * per tier since it started, and the entries and value bytes its hot tier holds now. {@code admin
 * stats --server} sums them over the instances it is given.
 */
@RestController
public class TenantStatsController {

    private final TenantHitCounters counters;
    private final StatsSampler sampler;
    private final HotTier hot;

    public TenantStatsController(TenantHitCounters counters, StatsSampler sampler, HotTier hot) {
        this.counters = counters;
        this.sampler = sampler;
        this.hot = hot;
    }

    @GetMapping("/v1/admin/stats/tenants")
    ResponseEntity<Map<String, Object>> tenants(HttpServletRequest request) {
        RequestBodies.allowOnly(request, Set.of());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("instance", sampler.instanceId());
        answer.put("startedAt", sampler.startedAt().toString());
        Map<String, long[]> hotUsage = new TreeMap<>();
        hot.forEachEntry((key, item) -> {
            long[] usage = hotUsage.computeIfAbsent(key.tenant(), t -> new long[2]);
            usage[0]++;
            usage[1] += item.value().length;
        });
        Map<String, Map<String, TenantHitCounters.Counts>> reads = counters.snapshot();
        Set<String> ids = new TreeSet<>(reads.keySet());
        ids.addAll(hotUsage.keySet());
        Map<String, Object> tenants = new LinkedHashMap<>();
        for (String id : ids) {
            long[] usage = hotUsage.getOrDefault(id, new long[2]);
            tenants.put(id, Map.of("reads", view(reads.containsKey(id) ? reads.get(id) : counters.of(id)), "hot", Map.of("entries", usage[0], "bytes", usage[1])));
        }
        answer.put("tenants", tenants);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(answer);
    }

    /** tier → {hits, misses, hitRatio} with the ratio rounded to 3 places. */
    static Map<String, Object> view(Map<String, TenantHitCounters.Counts> tiers) {
        Map<String, Object> view = new LinkedHashMap<>();
        tiers.forEach((tier, counts) -> view.put(tier, counts.asMap()));
        return view;
    }
}

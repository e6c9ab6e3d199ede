package dev.strata.service.stats;

import dev.strata.service.api.RequestBodies;
import dev.strata.service.observability.TenantHitCounters;
import dev.strata.service.tenant.TenantPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/stats}: the figures behind the console's status page. Any tenant key may read
 * them: they are this instance's aggregates over all tenants (no tenant's keys, values or counts)
 * plus the caller's own read hit ratios per tier,
 * and the health part is what the public {@code /actuator/health} already shows. {@code instance}
 * is a random id chosen at start-up, so a client behind a load balancer can tell that consecutive
 * answers came from different instances without learning host names.
 */
@RestController
public class StatsController {

    private final StatsSampler sampler;
    private final HealthEndpoint health;
    private final TenantHitCounters tenantCounters;

    public StatsController(StatsSampler sampler, HealthEndpoint health, TenantHitCounters tenantCounters) {
        this.sampler = sampler;
        this.health = health;
        this.tenantCounters = tenantCounters;
    }

    @GetMapping("/v1/stats")
    ResponseEntity<Map<String, Object>> stats(HttpServletRequest request) {
        RequestBodies.allowOnly(request, Set.of());
        Map<String, Object> answer = new LinkedHashMap<>();
        String tenant = TenantPrincipal.of(request).tenantId();
        answer.put("tenant", tenant);
        answer.put("instance", sampler.instanceId());
        answer.put("sampleIntervalSeconds", sampler.properties().sampleIntervalSeconds());
        answer.put("windowSeconds", sampler.properties().windowSeconds());
        List<Map<String, Object>> samples = new ArrayList<>();
        for (Sample sample : sampler.history()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("at", Instant.ofEpochMilli(sample.atMs()).toString());
            row.put("tiers", sample.tiers());
            samples.add(row);
        }
        answer.put("samples", samples);
        // The caller's own reads on this instance since it started (other tenants' counts stay private).
        answer.put("tenantHitRatios", TenantStatsController.view(tenantCounters.of(tenant)));
        Map<String, Object> stores = new LinkedHashMap<>();
        stores.put("postgres", component("db"));
        stores.put("redis", component("redis"));
        answer.put("health", stores);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(answer);
    }

    /**
     * Status of one health indicator (UNKNOWN when it is not registered) and whether the store is
     * configured. Other details stay out: a failing indicator's error text can name hosts and ports.
     */
    private Map<String, Object> component(String name) {
        HealthComponent component = health.healthForPath(name);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", component == null ? "UNKNOWN" : component.getStatus().getCode());
        if (component instanceof Health withDetails && withDetails.getDetails().get("enabled") instanceof Boolean enabled) {
            answer.put("enabled", enabled);
        }
        return answer;
    }
}

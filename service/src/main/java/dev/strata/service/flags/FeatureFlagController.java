package dev.strata.service.flags;

import dev.strata.service.api.ApiException;
import dev.strata.service.api.RequestBodies;
import dev.strata.service.kv.KeyRules;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/admin/tenants/{id}/flags}: read and change a tenant's feature switches at runtime.
 * PUT takes {@code {"sessions": false, "long-term-memory": null}}: true/false sets a switch, null
 * returns it to the configured default. Guarded by the admin token like the rest of /v1/admin.
 */
@RestController
class FeatureFlagController {

    private final FeatureFlags flags;
    private final FeatureFlagRepository repository;

    FeatureFlagController(FeatureFlags flags, org.springframework.jdbc.core.JdbcTemplate jdbc) {
        this.flags = flags;
        this.repository = new FeatureFlagRepository(jdbc);
    }

    @GetMapping("/v1/admin/tenants/{tenantId}/flags")
    Map<String, Object> get(@PathVariable String tenantId, HttpServletRequest request) {
        RequestBodies.allowOnly(request, Set.of());
        return describe(existing(tenantId));
    }

    @PutMapping("/v1/admin/tenants/{tenantId}/flags")
    Map<String, Object> put(@PathVariable String tenantId, @RequestBody Map<String, Object> body, HttpServletRequest request) {
        RequestBodies.allowOnly(request, Set.of());
        String id = existing(tenantId);
        if (body == null || body.isEmpty()) {
            throw ApiException.badRequest("invalid-flags", "Send {\"<feature>\": true|false|null}; features: " + Feature.names() + ".");
        }
        Map<Feature, Boolean> changes = new EnumMap<>(Feature.class);
        body.forEach((name, value) -> {
            Feature feature = Feature.byName(name).orElseThrow(() -> ApiException.badRequest("invalid-flags",
                    "Unknown feature '" + (name.length() > 60 ? name.substring(0, 60) + "…" : name) + "'; features: " + Feature.names() + "."));
            if (value != null && !(value instanceof Boolean)) {
                throw ApiException.badRequest("invalid-flags", "Feature '" + name + "' must be true, false or null (default).");
            }
            changes.put(feature, (Boolean) value);
        });
        flags.update(id, changes);
        return describe(id);
    }

    private String existing(String tenantId) {
        String id = KeyRules.tenant(tenantId);
        if (!repository.tenantExists(id)) {
            throw ApiException.notFound("No tenant " + id + ".");
        }
        return id;
    }

    private Map<String, Object> describe(String tenantId) {
        Map<String, Boolean> effective = new LinkedHashMap<>();
        flags.effective(tenantId).forEach((f, on) -> effective.put(f.flagName(), on));
        Map<String, Boolean> explicit = new LinkedHashMap<>();
        flags.overrides(tenantId).forEach((f, on) -> explicit.put(f.flagName(), on));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("tenantId", tenantId);
        answer.put("flags", effective);
        answer.put("explicit", explicit);
        return answer;
    }
}

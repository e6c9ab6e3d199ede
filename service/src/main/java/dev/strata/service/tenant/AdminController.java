package dev.strata.service.tenant;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.strata.service.api.ApiException;
import dev.strata.service.api.RequestBodies;
import dev.strata.service.kv.KeyRules;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/admin/**}: tenants and their API keys. Guarded by the admin token in {@link AuthFilter}. */
@RestController
@RequestMapping("/v1/admin/tenants")
public class AdminController {

    /** Body of tenant creation; unknown fields are rejected by the global Jackson setting. */
    public record CreateTenant(String id, String name, Integer rateLimitPerSecond) {
        @JsonCreator
        public CreateTenant {
        }
    }

    /** Body of key creation; {@code expiresAt} an ISO-8601 instant, or absent for a key valid until revoked. */
    public record CreateKey(String name, String expiresAt) { }

    /** The latest end of validity accepted: later is a typo more often than a plan. */
    static final java.time.Duration MAX_KEY_LIFETIME = java.time.Duration.ofDays(3660);

    private final TenantRepository tenants;
    private final TenantService tenantService;
    private final Authenticator authenticator;

    public AdminController(TenantRepository tenants, TenantService tenantService, Authenticator authenticator) {
        this.tenants = tenants;
        this.tenantService = tenantService;
        this.authenticator = authenticator;
    }

    @PostMapping
    ResponseEntity<Tenant> create(@RequestBody CreateTenant body, HttpServletRequest request) {
        RequestBodies.allowOnly(request, Set.of());
        if (body == null) {
            throw ApiException.badRequest("invalid-tenant", "Send {\"id\": \"…\"}.");
        }
        String id = KeyRules.tenant(body.id());
        String name = body.name() == null ? id : body.name();
        if (name.length() > 200) {
            throw ApiException.badRequest("invalid-tenant", "name is at most 200 characters.");
        }
        if (body.rateLimitPerSecond() != null && (body.rateLimitPerSecond() < 1 || body.rateLimitPerSecond() > 1_000_000)) {
            throw ApiException.badRequest("invalid-tenant", "rateLimitPerSecond must be between 1 and 1000000.");
        }
        Tenant tenant = tenants.create(id, name, body.rateLimitPerSecond())
                .orElseThrow(() -> new ApiException(HttpStatus.CONFLICT, "tenant-exists", "Conflict", "Tenant " + id + " already exists."));
        return ResponseEntity.status(HttpStatus.CREATED).body(tenant);
    }

    @GetMapping
    Map<String, List<Tenant>> list(HttpServletRequest request) {
        RequestBodies.allowOnly(request, Set.of());
        return Map.of("tenants", tenants.list());
    }

    @GetMapping("/{tenantId}")
    Tenant get(@PathVariable String tenantId, HttpServletRequest request) {
        RequestBodies.allowOnly(request, Set.of());
        return tenants.find(KeyRules.tenant(tenantId)).orElseThrow(() -> ApiException.notFound("No tenant " + tenantId + "."));
    }

    @DeleteMapping("/{tenantId}")
    Map<String, Object> delete(@PathVariable String tenantId, HttpServletRequest request) {
        RequestBodies.allowOnly(request, Set.of());
        return tenantService.delete(KeyRules.tenant(tenantId)).orElseThrow(() -> ApiException.notFound("No tenant " + tenantId + "."));
    }

    @PostMapping("/{tenantId}/keys")
    ResponseEntity<Map<String, Object>> issueKey(@PathVariable String tenantId, @RequestBody(required = false) CreateKey body,
                                                 HttpServletRequest request) {
        RequestBodies.allowOnly(request, Set.of());
        String id = KeyRules.tenant(tenantId);
        tenants.find(id).orElseThrow(() -> ApiException.notFound("No tenant " + id + "."));
        String name = body == null || body.name() == null ? "default" : body.name();
        if (name.length() > 200) {
            throw ApiException.badRequest("invalid-key-name", "name is at most 200 characters.");
        }
        java.time.Instant expiresAt = expiry(body == null ? null : body.expiresAt());
        ApiKeys.Issued issued = ApiKeys.issue();
        ApiKeyInfo info = tenants.insertKey(issued.id(), id, name, ApiKeys.hash(issued.key()), expiresAt);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", info.id());
        answer.put("tenantId", info.tenantId());
        answer.put("name", info.name());
        answer.put("createdAt", info.createdAt());
        if (info.expiresAt() != null) {
            answer.put("expiresAt", info.expiresAt());
        }
        answer.put("key", issued.key());
        answer.put("note", "Store this key now: the server keeps only its hash and cannot show it again.");
        return ResponseEntity.status(HttpStatus.CREATED).body(answer);
    }

    private static java.time.Instant expiry(String value) {
        if (value == null) {
            return null;
        }
        java.time.Instant expiresAt;
        try {
            expiresAt = java.time.Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.badRequest("invalid-key-expiry", "expiresAt must be an ISO-8601 instant such as 2027-01-31T00:00:00Z.");
        }
        java.time.Instant now = java.time.Instant.now();
        if (!expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(MAX_KEY_LIFETIME))) {
            throw ApiException.badRequest("invalid-key-expiry", "expiresAt must be in the future and at most 10 years ahead.");
        }
        return expiresAt;
    }

    @GetMapping("/{tenantId}/keys")
    Map<String, List<ApiKeyInfo>> keys(@PathVariable String tenantId, HttpServletRequest request) {
        RequestBodies.allowOnly(request, Set.of());
        String id = KeyRules.tenant(tenantId);
        tenants.find(id).orElseThrow(() -> ApiException.notFound("No tenant " + id + "."));
        return Map.of("keys", tenants.keys(id));
    }

    @DeleteMapping("/{tenantId}/keys/{keyId}")
    ResponseEntity<Void> revoke(@PathVariable String tenantId, @PathVariable String keyId, HttpServletRequest request) {
        RequestBodies.allowOnly(request, Set.of());
        String id = KeyRules.tenant(tenantId);
        if (!keyId.matches("[0-9a-f]{16}") || !tenants.revokeKey(id, keyId)) {
            throw ApiException.notFound("Tenant " + id + " has no active key " + (keyId.length() > 40 ? "given" : keyId) + ".");
        }
        authenticator.invalidateAll();
        return ResponseEntity.noContent().build();
    }
}

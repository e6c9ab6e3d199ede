package dev.strata.service.memory.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.service.api.ApiException;
import dev.strata.service.memory.longterm.MemoryRequests;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/admin/tenants/{tenantId}/keys/{keyId}/memory-role} (admin token): which session
 * budget a key gets. Under {@code /v1/admin}, so only the administrator can raise a key's budget.
 */
@RestController
public class KeyRoleController {

    private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private final JdbcTemplate jdbc;
    private final CallerRoles roles;

    public KeyRoleController(JdbcTemplate jdbc, CallerRoles roles) {
        this.jdbc = jdbc;
        this.roles = roles;
    }

    @PutMapping("/v1/admin/tenants/{tenantId}/keys/{keyId}/memory-role")
    Map<String, Object> set(@PathVariable String tenantId, @PathVariable String keyId, @RequestBody JsonNode body, HttpServletRequest request) {
        MemoryRequests.noParameters(request);
        String role = body != null && body.path("role").isTextual() ? body.get("role").asText() : null;
        if (role == null || body.size() != 1 || !ROLE.matcher(role).matches()) {
            throw ApiException.badRequest("invalid-role", "Send {\"role\": \"<role>\"}: 1-32 of a-z 0-9 _ - starting with a letter.");
        }
        existing(tenantId, keyId);
        jdbc.update("INSERT INTO memory_key_roles (key_id, tenant_id, role) VALUES (?, ?, ?) ON CONFLICT (key_id) DO UPDATE SET role = EXCLUDED.role",
                keyId, tenantId, role);
        roles.forget();
        return Map.of("keyId", keyId, "tenantId", tenantId, "role", role);
    }

    @GetMapping("/v1/admin/tenants/{tenantId}/keys/{keyId}/memory-role")
    Map<String, Object> get(@PathVariable String tenantId, @PathVariable String keyId, HttpServletRequest request) {
        MemoryRequests.noParameters(request);
        existing(tenantId, keyId);
        String role = jdbc.queryForList("SELECT role FROM memory_key_roles WHERE key_id = ?", String.class, keyId).stream().findFirst()
                .orElse(CallerRoles.DEFAULT_ROLE);
        return Map.of("keyId", keyId, "tenantId", tenantId, "role", role);
    }

    private void existing(String tenantId, String keyId) {
        Integer keys = jdbc.queryForObject("SELECT count(*) FROM api_keys WHERE id = ? AND tenant_id = ? AND revoked_at IS NULL",
                Integer.class, keyId, tenantId);
        if (keys == null || keys == 0) {
            throw ApiException.notFound("No active key " + keyId + " of tenant " + tenantId + ".");
        }
    }
}

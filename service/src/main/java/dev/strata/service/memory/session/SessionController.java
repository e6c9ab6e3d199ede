package dev.strata.service.memory.session;

import dev.strata.service.api.QueryParameters;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.service.api.ApiException;
import dev.strata.service.api.RequestBodies;
import dev.strata.service.kv.KvController;
import dev.strata.service.memory.MemoryProperties;
import dev.strata.service.memory.longterm.MemoryRequests;
import dev.strata.service.tenant.TenantPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
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

/** {@code /v1/sessions}: conversations (working memory). */
@RestController
@RequestMapping("/v1/sessions")
public class SessionController {

    public static final int MAX_BUDGET_TOKENS = 1_000_000;
    private final SessionService sessions;
    private final CallerRoles roles;
    private final MemoryProperties properties;
    private final ObjectMapper json;

    public SessionController(SessionService sessions, CallerRoles roles, MemoryProperties properties, ObjectMapper json) {
        this.sessions = sessions;
        this.roles = roles;
        this.properties = properties;
        this.json = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private record Single(String userId, String role, String content, Map<String, Object> metadata) { }

    /** {@code {"userId":…,"role":…,"content":…}} or {@code {"userId":…,"messages":[{"role":…,"content":…},…]}}. */
    @PostMapping("/{sessionId}/messages")
    ResponseEntity<SessionService.Window> append(@PathVariable String sessionId, @RequestBody JsonNode body, HttpServletRequest request) {
        MemoryRequests.noParameters(request);
        String tenant = TenantPrincipal.of(request).tenantId();
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("invalid-body", "The body must be a JSON object.");
        }
        String userId;
        List<SessionService.MessageInput> messages = new ArrayList<>();
        if (body.has("messages")) {
            if (!body.get("messages").isArray() || body.size() != 2 || !body.has("userId")) {
                throw ApiException.badRequest("invalid-body", "A batch is {\"userId\": …, \"messages\": [ … ]}.");
            }
            userId = body.get("userId").isTextual() ? body.get("userId").asText() : null;
            for (JsonNode node : body.get("messages")) {
                messages.add(MemoryRequests.read(json, node, SessionService.MessageInput.class));
            }
        } else {
            Single single = MemoryRequests.read(json, body, Single.class);
            userId = single.userId();
            messages.add(new SessionService.MessageInput(single.role(), single.content(), single.metadata()));
        }
        sessions.append(tenant, sessionId, userId, messages);
        SessionService.ServedWindow served = sessions.servedWindow(tenant, sessionId, userId, budget(request, null));
        return ResponseEntity.status(HttpStatus.CREATED).header(KvController.TIER_HEADER, served.tier().label()).body(served.window());
    }

    /** {@code GET /v1/sessions?userId=u1}: the user's sessions, most recently active first (summaries included). */
    @GetMapping
    Map<String, Object> list(HttpServletRequest request) {
        RequestBodies.allowOnly(request, Set.of("userId"));
        return Map.of("sessions", sessions.ofUser(TenantPrincipal.of(request).tenantId(), request.getParameter("userId")));
    }

    /** The window that fits {@code tokens} (default: the session window); {@code all=true} adds every stored message. */
    @GetMapping("/{sessionId}/messages")
    ResponseEntity<Map<String, Object>> window(@PathVariable String sessionId, HttpServletRequest request) {
        RequestBodies.allowOnly(request, Set.of("userId", "tokens", "all"));
        String tenant = TenantPrincipal.of(request).tenantId();
        String userId = request.getParameter("userId");
        Integer tokens = tokens(request.getParameter("tokens"));
        String all = request.getParameter("all");
        if (all != null && !all.equals("true") && !all.equals("false")) {
            throw ApiException.badRequest("invalid-all", "'all' must be true or false.");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        SessionService.ServedWindow served = sessions.servedWindow(tenant, sessionId, userId, budget(request, tokens));
        answer.put("window", served.window());
        if ("true".equals(all)) {
            answer.put("allMessages", served.allMessages());
        }
        return ResponseEntity.ok().header(KvController.TIER_HEADER, served.tier().label()).body(answer);
    }

    @DeleteMapping("/{sessionId}")
    ResponseEntity<Void> reset(@PathVariable String sessionId, HttpServletRequest request) {
        RequestBodies.allowOnly(request, Set.of("userId"));
        sessions.reset(TenantPrincipal.of(request).tenantId(), sessionId, request.getParameter("userId"));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{sessionId}:consolidate")
    SessionService.Consolidation consolidate(@PathVariable String sessionId, HttpServletRequest request) {
        RequestBodies.allowOnly(request, Set.of("userId"));
        return sessions.consolidate(TenantPrincipal.of(request).tenantId(), sessionId, request.getParameter("userId"));
    }

    /** The caller's role budget, narrowed by {@code tokens} when given (never widened: the role is the ceiling). */
    private int budget(HttpServletRequest request, Integer tokens) {
        int roleBudget = properties.windowTokensFor(roles.roleOf(request));
        return tokens == null ? roleBudget : Math.min(tokens, roleBudget);
    }

    static Integer tokens(String value) {
        return value == null ? null : QueryParameters.integer(value, "tokens", 0, 1, MAX_BUDGET_TOKENS);
    }
}

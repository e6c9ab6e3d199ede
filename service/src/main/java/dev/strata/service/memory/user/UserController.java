package dev.strata.service.memory.user;

import dev.strata.service.api.ApiException;
import dev.strata.service.api.RequestBodies;
import dev.strata.service.memory.MemoryRules;
import dev.strata.service.memory.index.IndexFilter;
import dev.strata.service.memory.index.IndexSync;
import dev.strata.service.memory.longterm.MemoryRequests;
import dev.strata.service.memory.session.SessionCache;
import dev.strata.service.tenant.TenantPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/users/{userId}}: a user's prompt context, summary, erasure, export and import. */
@RestController
@RequestMapping("/v1/users/{userId}")
public class UserController {

    public static final int MAX_CONTEXT_TOKENS = 100_000;
    public static final int MAX_IMPORT_BYTES = 32 * 1024 * 1024;

    private final UserContext context;
    private final UserDataRepository data;
    private final UserPortability portability;
    private final IndexSync index;
    private final SessionCache sessionCache;

    public UserController(UserContext context, UserDataRepository data, UserPortability portability, IndexSync index,
                          SessionCache sessionCache) {
        this.sessionCache = sessionCache;
        this.context = context;
        this.data = data;
        this.portability = portability;
        this.index = index;
    }

    @GetMapping("/context")
    UserContext.Context context(@PathVariable String userId, HttpServletRequest request) {
        RequestBodies.allowOnly(request, Set.of("query", "tokens", "sessionId"));
        String query = request.getParameter("query");
        if (query != null && query.isBlank()) {
            throw ApiException.badRequest("invalid-query", "'query' must not be blank.");
        }
        int tokens = 2000;
        if (request.getParameter("tokens") != null) {
            try {
                tokens = Integer.parseInt(request.getParameter("tokens"));
            } catch (NumberFormatException e) {
                tokens = -1;
            }
            if (tokens < 16 || tokens > MAX_CONTEXT_TOKENS) {
                throw ApiException.badRequest("invalid-tokens", "'tokens' must be an integer between 16 and " + MAX_CONTEXT_TOKENS + ".");
            }
        }
        return context.assemble(TenantPrincipal.of(request).tenantId(), userId, query,
                MemoryRules.optionalId("sessionId", request.getParameter("sessionId")), tokens);
    }

    @GetMapping("/summary")
    Map<String, Object> summary(@PathVariable String userId, HttpServletRequest request) {
        MemoryRequests.noParameters(request);
        String tenant = TenantPrincipal.of(request).tenantId();
        MemoryRules.id("userId", userId);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("userId", userId);
        summary.put("counts", data.counts(tenant, userId));
        summary.put("topics", data.topTopics(tenant, userId, "topics", 20));
        summary.put("entities", data.topTopics(tenant, userId, "entities", 20));
        summary.put("recentMemories", context.recent(tenant, userId, 5));
        Object last = data.lastActivity(tenant, userId);
        summary.put("lastActivityAt", last == null ? null : ((java.sql.Timestamp) last).toInstant().toString());
        return summary;
    }

    /**
     * Erases everything about the user: memories and their history, sessions and messages,
     * entities and relations (PostgreSQL), the index entries (here at once, on other instances
     * through the change feed; the index files are rewritten without them in the background), and
     * the user's cached sessions (this instance's hot cache and Redis; the receipt counts them).
     * Other instances drop their cached copies and rewrite their index files when they read the
     * erasure notice written in the same transaction ({@link ErasureFollower}, about a second).
     */
    @DeleteMapping
    Map<String, Object> erase(@PathVariable String userId, HttpServletRequest request) {
        MemoryRequests.noParameters(request);
        String tenant = TenantPrincipal.of(request).tenantId();
        MemoryRules.id("userId", userId);
        IndexFilter owner = IndexFilter.owner(tenant, userId);
        int indexedBefore = index.index().count(owner);
        UserDataRepository.Erased erased = data.erase(tenant, userId);
        index.apply(erased.memoryIds());
        index.purgeDeletedSoon();
        long[] cached = sessionCache.evictAll(tenant, erased.sessionIds());
        Map<String, Object> tiers = new LinkedHashMap<>();
        tiers.put("durable", erased.counts());
        tiers.put("index", Map.of("documents", indexedBefore - index.index().count(owner), "filesPurge", "scheduled"));
        tiers.put("warm", Map.of("keys", cached[1]));
        tiers.put("hot", Map.of("entries", cached[0]));
        Map<String, Object> remaining = new LinkedHashMap<>(data.counts(tenant, userId));
        remaining.put("indexDocuments", index.index().count(owner));
        Map<String, Object> receipt = new LinkedHashMap<>();
        receipt.put("userId", userId);
        receipt.put("erasedAt", Instant.now().toString());
        receipt.put("tiers", tiers);
        receipt.put("remaining", remaining);
        return receipt;
    }

    @GetMapping("/export")
    void export(@PathVariable String userId, HttpServletRequest request, HttpServletResponse response) throws IOException {
        MemoryRequests.noParameters(request);
        String tenant = TenantPrincipal.of(request).tenantId();
        MemoryRules.id("userId", userId);
        response.setContentType("application/x-ndjson");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + userId + ".jsonl\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        portability.export(tenant, userId, out);
        out.flush();
    }

    @PostMapping("/import")
    UserPortability.ImportReport importLines(@PathVariable String userId, HttpServletRequest request) {
        MemoryRequests.noParameters(request);
        byte[] body = RequestBodies.read(request, MAX_IMPORT_BYTES);
        return portability.importLines(TenantPrincipal.of(request).tenantId(), userId, body);
    }
}

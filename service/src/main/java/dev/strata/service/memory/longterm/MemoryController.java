package dev.strata.service.memory.longterm;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.service.api.ApiException;
import dev.strata.service.api.QueryParameters;
import dev.strata.service.api.RequestBodies;
import dev.strata.service.memory.MemoryRules;
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
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/memories}: long-term memories of the caller's tenant. */
@RestController
@RequestMapping("/v1/memories")
public class MemoryController {

    public static final int MAX_BATCH = 100;

    private final MemoryService memories;
    private final MemorySearch search;
    private final ObjectMapper json;
    private final MemoryRepository repository;

    public MemoryController(MemoryService memories, MemorySearch search, MemoryRepository repository, ObjectMapper json) {
        this.memories = memories;
        this.search = search;
        this.repository = repository;
        this.json = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** One memory ({@code {"userId":…,"text":…}}: 201) or a batch ({@code {"memories":[…]}}: 200). */
    @PostMapping
    ResponseEntity<Object> create(@RequestBody JsonNode body, HttpServletRequest request) {
        MemoryRequests.noParameters(request);
        String tenant = TenantPrincipal.of(request).tenantId();
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("invalid-body", "The body must be a JSON object.");
        }
        if (body.has("memories")) {
            if (body.size() != 1 || !body.get("memories").isArray()) {
                throw ApiException.badRequest("invalid-body", "A batch is {\"memories\": [ … ]} with nothing else.");
            }
            List<MemoryInput> inputs = new ArrayList<>();
            for (JsonNode node : body.get("memories")) {
                inputs.add(MemoryRequests.read(json, node, MemoryInput.class));
            }
            if (inputs.isEmpty() || inputs.size() > MAX_BATCH) {
                throw ApiException.badRequest("invalid-batch", "A batch holds 1 to " + MAX_BATCH + " memories.");
            }
            return ResponseEntity.ok(Map.of("results", memories.write(tenant, inputs)));
        }
        WriteOutcome outcome = memories.write(tenant, List.of(MemoryRequests.read(json, body, MemoryInput.class))).get(0);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", outcome.status());
        if (outcome.similarity() != null) {
            answer.put("similarity", outcome.similarity());
        }
        answer.put("memory", memories.get(tenant, outcome.id()));
        return ResponseEntity.status(outcome.created() ? HttpStatus.CREATED : HttpStatus.OK).body(answer);
    }

    /** {@code GET /v1/memories?userId=u1[&limit=50][&offset=0]}: a user's memories, newest first. */
    @GetMapping
    Map<String, Object> list(HttpServletRequest request) {
        RequestBodies.allowOnly(request, Set.of("userId", "limit", "offset"));
        String userId = MemoryRules.id("userId", request.getParameter("userId"));
        int limit = QueryParameters.integer(request.getParameter("limit"), "limit", 50, 1, 200);
        int offset = QueryParameters.integer(request.getParameter("offset"), "offset", 0, 0, 100_000);
        List<Memory> page = repository.page(TenantPrincipal.of(request).tenantId(), userId, offset, limit + 1);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("memories", page.size() > limit ? page.subList(0, limit) : page);
        if (page.size() > limit) {
            answer.put("nextOffset", offset + limit);
        }
        return answer;
    }

    @GetMapping("/{id}")
    Map<String, Object> get(@PathVariable String id, HttpServletRequest request) {
        MemoryRequests.noParameters(request);
        Memory memory = memories.get(TenantPrincipal.of(request).tenantId(), id);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("memory", memory);
        answer.put("history", memories.history(memory.id()));
        return answer;
    }

    @PatchMapping("/{id}")
    Map<String, Object> patch(@PathVariable String id, @RequestBody JsonNode body, HttpServletRequest request) {
        MemoryRequests.noParameters(request);
        MemoryService.MemoryPatch patch = MemoryRequests.read(json, body, MemoryService.MemoryPatch.class);
        return Map.of("memory", memories.update(TenantPrincipal.of(request).tenantId(), id, patch));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, HttpServletRequest request) {
        MemoryRequests.noParameters(request);
        memories.delete(TenantPrincipal.of(request).tenantId(), id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/search")
    MemorySearch.Page search(@RequestBody JsonNode body, HttpServletRequest request) {
        MemoryRequests.noParameters(request);
        return search.search(TenantPrincipal.of(request).tenantId(), MemoryRequests.read(json, body, SearchRequest.class));
    }

}

package dev.strata.service.memory.graph;

import dev.strata.service.api.QueryParameters;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.service.api.ApiException;
import dev.strata.service.api.RequestBodies;
import dev.strata.service.memory.longterm.MemoryRequests;
import dev.strata.service.tenant.TenantPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/entities} and {@code /v1/relations}: each user's knowledge graph. */
@RestController
public class GraphController {

    private final GraphService graph;
    private final ObjectMapper json;

    public GraphController(GraphService graph, ObjectMapper json) {
        this.graph = graph;
        this.json = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @PostMapping("/v1/entities")
    ResponseEntity<Map<String, Object>> createEntity(@RequestBody JsonNode body, HttpServletRequest request) {
        MemoryRequests.noParameters(request);
        GraphRepository.Upserted upserted = graph.upsert(TenantPrincipal.of(request).tenantId(),
                MemoryRequests.read(json, body, GraphService.EntityInput.class));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", upserted.created() ? "created" : "merged");
        answer.put("entity", upserted.entity());
        return ResponseEntity.status(upserted.created() ? HttpStatus.CREATED : HttpStatus.OK).body(answer);
    }

    @GetMapping("/v1/entities")
    Map<String, Object> searchEntities(HttpServletRequest request) {
        RequestBodies.allowOnly(request, Set.of("userId", "name", "query", "type", "limit"));
        return Map.of("entities", graph.search(TenantPrincipal.of(request).tenantId(), request.getParameter("userId"),
                request.getParameter("name"), request.getParameter("query"), request.getParameter("type"), QueryParameters.integer(request.getParameter("limit"), "limit", 20, 1, 200)));
    }

    @GetMapping("/v1/entities/{id}")
    Map<String, Object> entity(@PathVariable String id, HttpServletRequest request) {
        MemoryRequests.noParameters(request);
        String tenant = TenantPrincipal.of(request).tenantId();
        Entity entity = graph.get(tenant, id);
        return Map.of("entity", entity, "relations", graph.relations(tenant, entity.userId(), entity.id()));
    }

    @DeleteMapping("/v1/entities/{id}")
    ResponseEntity<Void> deleteEntity(@PathVariable String id, HttpServletRequest request) {
        MemoryRequests.noParameters(request);
        graph.deleteEntity(TenantPrincipal.of(request).tenantId(), id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/v1/relations")
    ResponseEntity<Map<String, Object>> relate(@RequestBody JsonNode body, HttpServletRequest request) {
        MemoryRequests.noParameters(request);
        GraphService.Linked linked = graph.relate(TenantPrincipal.of(request).tenantId(), MemoryRequests.read(json, body, GraphService.RelationInput.class));
        return ResponseEntity.status(linked.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(Map.of("status", linked.created() ? "created" : "exists", "relation", linked.relation()));
    }

    @GetMapping("/v1/relations")
    Map<String, Object> relations(HttpServletRequest request) {
        RequestBodies.allowOnly(request, Set.of("userId", "entityId"));
        return Map.of("relations", graph.relations(TenantPrincipal.of(request).tenantId(), request.getParameter("userId"), request.getParameter("entityId")));
    }

    @DeleteMapping("/v1/relations/{id}")
    ResponseEntity<Void> deleteRelation(@PathVariable String id, HttpServletRequest request) {
        MemoryRequests.noParameters(request);
        graph.deleteRelation(TenantPrincipal.of(request).tenantId(), id);
        return ResponseEntity.noContent().build();
    }
}

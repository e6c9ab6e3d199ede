package dev.strata.service.memory.index;

import dev.strata.service.api.QueryParameters;
import dev.strata.service.api.RequestBodies;
import dev.strata.service.kv.KeyRules;
import dev.strata.service.stats.StatsSampler;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/admin/memory-index/verify[?tenant=…][&repair=true][&limit=…]} (admin token): this
 * instance's search index against PostgreSQL ({@link IndexConsistency}). {@code admin
 * verify-consistency --server} calls it on every instance it is given.
 */
@RestController
public class MemoryIndexAdminController {

    private static final int DEFAULT_LIMIT = 1000;

    private final IndexConsistency consistency;
    private final StatsSampler sampler;

    public MemoryIndexAdminController(IndexConsistency consistency, StatsSampler sampler) {
        this.consistency = consistency;
        this.sampler = sampler;
    }

    @PostMapping("/v1/admin/memory-index/verify")
    ResponseEntity<Map<String, Object>> verify(HttpServletRequest request) throws SQLException {
        RequestBodies.allowOnly(request, Set.of("tenant", "repair", "limit"));
        String tenant = request.getParameter("tenant") == null ? null : KeyRules.tenant(request.getParameter("tenant"));
        boolean repair = QueryParameters.bool(request.getParameter("repair"), "repair", false);
        int limit = QueryParameters.integer(request.getParameter("limit"), "limit", DEFAULT_LIMIT, 0, 100_000);
        IndexConsistency.Report report = consistency.verify(tenant, repair);
        Map<String, Long> byKind = new TreeMap<>();
        report.differences().forEach(d -> byKind.merge(d.kind().name().toLowerCase(java.util.Locale.ROOT), 1L, Long::sum));
        List<IndexConsistency.Difference> listed = report.differences().subList(0, Math.min(limit, report.differences().size()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("instance", sampler.instanceId());
        answer.put("tenant", tenant == null ? "all" : tenant);
        answer.put("repair", repair);
        answer.put("compared", report.compared());
        answer.put("differences", byKind);
        answer.put("listed", listed);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(answer);
    }
}

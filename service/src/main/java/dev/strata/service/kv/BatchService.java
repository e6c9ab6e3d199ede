package dev.strata.service.kv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.service.api.ApiException;
import dev.strata.service.coherence.CoherenceService;
import dev.strata.service.tier.durable.DurableTier;
import dev.strata.service.tier.durable.Precondition;
import dev.strata.service.tier.durable.WriteOp;
import dev.strata.service.tier.durable.WriteResult;
import dev.strata.service.tier.hot.HotTier;
import dev.strata.service.tier.warm.WarmTier;
import dev.strata.service.tier.warm.WarmTier.CacheWrite;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Runs a client batch as one PostgreSQL transaction (all writes or none: a failed precondition
 * rolls everything back with 412), then updates Redis in one pipeline and the hot tier.
 * Reads inside a batch see the batch's own earlier writes.
 */
@Service
public class BatchService {

    private final DurableTier durable;
    private final WarmTier warm;
    private final HotTier hot;
    private final CoherenceService coherence;
    private final VersionClock versions;
    private final ObjectMapper json;

    public BatchService(DurableTier durable, WarmTier warm, HotTier hot, CoherenceService coherence, VersionClock versions,
                        ObjectMapper json) {
        this.durable = durable;
        this.warm = warm;
        this.hot = hot;
        this.coherence = coherence;
        this.versions = versions;
        this.json = json;
    }

    private record Planned(int index, String op, ItemKey key, byte[] value, long ttlSeconds, Precondition precondition) { }

    private record Applied(ItemKey key, StoredItem stored, long deletedVersion) { }

    public BatchResult execute(String tenant, String namespace, BatchRequest request, int maxOperations) {
        List<Planned> plan = plan(tenant, namespace, request, maxOperations);
        List<Applied> applied = new ArrayList<>();
        List<BatchResult.Entry> results;
        try {
            results = durable.inTransaction(tenant, tx -> {
                List<BatchResult.Entry> out = new ArrayList<>(plan.size());
                List<Integer> failed = new ArrayList<>();
                long nowMs = System.currentTimeMillis();
                int i = 0;
                while (i < plan.size()) {
                    if (plan.get(i).op().equals("get")) {
                        Planned p = plan.get(i++);
                        StoredItem item = tx.read(p.key());
                        out.add(item == null ? entry(p, 404, null, null)
                                : entry(p, 200, item, new String(item.value(), StandardCharsets.UTF_8)));
                        continue;
                    }
                    // Consecutive writes go to PostgreSQL together (plain puts as one statement).
                    List<Planned> writes = new ArrayList<>();
                    List<WriteOp> ops = new ArrayList<>();
                    while (i < plan.size() && !plan.get(i).op().equals("get")) {
                        Planned p = plan.get(i++);
                        writes.add(p);
                        ops.add(p.op().equals("put")
                                ? new WriteOp.Put(p.key(), p.value(), expiry(p, nowMs), versions.next(), p.precondition())
                                : new WriteOp.Delete(p.key(), versions.next(), p.precondition()));
                    }
                    List<WriteResult> written = tx.writeAll(ops);
                    for (int w = 0; w < writes.size(); w++) {
                        Planned p = writes.get(w);
                        switch (written.get(w)) {
                            case WriteResult.Applied a when p.op().equals("put") -> {
                                StoredItem item = new StoredItem(p.value(), a.version(), expiry(p, nowMs), false);
                                applied.add(new Applied(p.key(), item, 0));
                                out.add(entry(p, 200, item, null));
                            }
                            case WriteResult.Applied a -> {
                                applied.add(new Applied(p.key(), null, a.version()));
                                out.add(new BatchResult.Entry(p.index(), p.op(), p.key().key(), 204, a.version(), null, null, null));
                            }
                            case WriteResult.NotFound n -> out.add(entry(p, 404, null, null));
                            case WriteResult.PreconditionFailed f -> {
                                failed.add(p.index());
                                out.add(entry(p, 412, null, null));
                            }
                        }
                    }
                }
                if (!failed.isEmpty()) {
                    throw new DurableTier.Rollback(failed);
                }
                return out;
            });
        } catch (DurableTier.Rollback rollback) {
            throw new ApiException(HttpStatus.PRECONDITION_FAILED, "precondition-failed", "Precondition failed",
                    "A precondition failed; no operation of the batch was applied.",
                    Map.of("failedOperations", rollback.outcome()), null);
        }
        propagate(applied);
        return new BatchResult(results);
    }

    private void propagate(List<Applied> applied) {
        List<CacheWrite> cacheWrites = new ArrayList<>(applied.size());
        for (Applied a : applied) {
            if (a.stored() != null) {
                cacheWrites.add(new CacheWrite.Store(a.key(), a.stored()));
            } else {
                cacheWrites.add(new CacheWrite.Tombstone(a.key(), a.deletedVersion()));
            }
        }
        warm.storeAll(cacheWrites);
        for (Applied a : applied) {
            if (a.stored() != null) {
                hot.put(a.key(), a.stored());
                coherence.itemChanged(a.key(), a.stored().version());
            } else {
                hot.remove(a.key());
                coherence.itemChanged(a.key(), a.deletedVersion());
            }
        }
    }

    private List<Planned> plan(String tenant, String namespace, BatchRequest request, int maxOperations) {
        if (request == null || request.operations() == null || request.operations().isEmpty()) {
            throw ApiException.badRequest("invalid-batch", "A batch needs a non-empty 'operations' array.");
        }
        if (request.operations().size() > maxOperations) {
            throw ApiException.badRequest("batch-too-large", "A batch holds at most " + maxOperations + " operations; got "
                    + request.operations().size() + ".");
        }
        List<Planned> plan = new ArrayList<>(request.operations().size());
        for (int i = 0; i < request.operations().size(); i++) {
            BatchRequest.Operation op = request.operations().get(i);
            if (op == null || op.op() == null) {
                throw invalid(i, "needs an 'op' of get, put or delete");
            }
            String key;
            try {
                key = KeyRules.key(op.key());
            } catch (ApiException e) {
                throw invalid(i, e.getMessage());
            }
            ItemKey itemKey = new ItemKey(tenant, namespace, key);
            Precondition precondition = Preconditions.fromIfMatch(op.ifMatch(), "operations[" + i + "].ifMatch");
            switch (op.op()) {
                case "get" -> {
                    if (op.value() != null || op.ttl() != null || op.ifMatch() != null) {
                        throw invalid(i, "a get takes only 'key'");
                    }
                    plan.add(new Planned(i, "get", itemKey, null, 0, Precondition.NONE));
                }
                case "put" -> {
                    if (op.value() == null) {
                        throw invalid(i, "a put needs a 'value'");
                    }
                    long ttl = op.ttl() == null ? 0 : op.ttl();
                    if (ttl < 0 || ttl > TtlRules.MAX_TTL_SECONDS) {
                        throw invalid(i, "'ttl' must be between 0 and " + TtlRules.MAX_TTL_SECONDS + " seconds");
                    }
                    plan.add(new Planned(i, "put", itemKey, bytes(op.value()), ttl, precondition));
                }
                case "delete" -> {
                    if (op.value() != null || op.ttl() != null) {
                        throw invalid(i, "a delete takes only 'key' and 'ifMatch'");
                    }
                    plan.add(new Planned(i, "delete", itemKey, null, 0, precondition));
                }
                default -> throw invalid(i, "has unknown op '" + op.op() + "' (expected get, put or delete)");
            }
        }
        return plan;
    }

    private static long expiry(Planned p, long nowMs) {
        return p.ttlSeconds() == 0 ? 0 : nowMs + p.ttlSeconds() * 1000;
    }

    private byte[] bytes(com.fasterxml.jackson.databind.JsonNode value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed-json", "A batch value could not be serialised.");
        }
    }

    private static ApiException invalid(int index, String problem) {
        return ApiException.badRequest("invalid-batch", "operations[" + index + "] " + problem + ".");
    }

    private static BatchResult.Entry entry(Planned p, int status, StoredItem item, String value) {
        if (item == null) {
            return new BatchResult.Entry(p.index(), p.op(), p.key().key(), status, null, null, null, null);
        }
        return new BatchResult.Entry(p.index(), p.op(), p.key().key(), status, item.version(), Preconditions.etag(item.version()),
                value, item.hasTtl() ? Instant.ofEpochMilli(item.expiresAtMs()).toString() : null);
    }
}

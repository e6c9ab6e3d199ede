package dev.strata.service.admin.consistency;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.service.admin.AdminFailure;
import dev.strata.service.admin.ExitCode;
import dev.strata.service.admin.Output;
import dev.strata.service.admin.ServerApi;
import dev.strata.service.kv.ItemKey;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * A running server's in-process semantic index against PostgreSQL. The index lives only in that
 * server, so the comparison runs there ({@code POST /v1/admin/memory-index/verify}); this check asks
 * for it and reports what it found, a memory as {@code tenant/user/memory-id}. Kinds: MISSING (a
 * memory the index lacks), STALE (indexed at an older version), ORPHAN (indexed, but deleted).
 */
final class IndexDurableCheck implements ConsistencyCheck {

    /** Differences the server lists by name (it counts all); the command lists fewer still (--max-listed). */
    static final int LISTED = 100_000;

    private final ServerApi server;

    IndexDurableCheck(ServerApi server) {
        this.server = server;
    }

    @Override
    public String name() {
        return "index-vs-durable " + server.baseUrl();
    }

    @Override
    public long run(String tenant, boolean repair, LongConsumer progress, Consumer<Drift> sink) {
        StringBuilder path = new StringBuilder("/v1/admin/memory-index/verify?limit=").append(LISTED);
        if (tenant != null) {
            path.append("&tenant=").append(URLEncoder.encode(tenant, StandardCharsets.UTF_8));
        }
        if (repair) {
            path.append("&repair=true");
        }
        JsonNode answer;
        try {
            answer = Output.mapper().readTree(server.post(path.toString()));
        } catch (IOException e) {
            throw new AdminFailure(ExitCode.UNAVAILABLE, server.baseUrl() + " answered something that is not JSON.");
        }
        java.util.Map<String, Long> listedByKind = new java.util.HashMap<>();
        for (JsonNode difference : answer.path("listed")) {
            listedByKind.merge(difference.path("kind").asText(), 1L, Long::sum);
            sink.accept(drift(difference));
        }
        // The server lists at most LISTED differences and counts the rest: pass those on, counted, without a memory to name.
        for (var kind : answer.path("differences").properties()) {
            String name = kind.getKey().toUpperCase(java.util.Locale.ROOT);
            for (long i = listedByKind.getOrDefault(name, 0L); i < kind.getValue().asLong(); i++) {
                sink.accept(new Drift(name(), name, new ItemKey("?", "?", "?"), "beyond the " + LISTED + " the server lists", repair));
            }
        }
        long compared = answer.path("compared").asLong();
        progress.accept(compared);
        return compared;
    }

    private Drift drift(JsonNode difference) {
        return new Drift(name(), difference.path("kind").asText(), new ItemKey(difference.path("tenantId").asText(),
                difference.path("userId").asText(), difference.path("id").asText()), difference.path("detail").asText(),
                difference.path("repaired").asBoolean());
    }
}

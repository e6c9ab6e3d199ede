package dev.strata.service.admin.stats;

import dev.strata.service.admin.JsonOutput;
import dev.strata.service.admin.ProgressOutput;
import dev.strata.service.admin.ContextOptions;
import dev.strata.service.admin.ExitCode;
import dev.strata.service.admin.Output;
import dev.strata.service.admin.Progress;
import dev.strata.service.admin.StoreContext;
import dev.strata.service.tier.warm.WarmItems;
import java.io.PrintWriter;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code admin stats}: per tenant, live items and bytes in PostgreSQL (with oldest/newest write and the
 * largest keys) and in Redis; with --server, the read hit ratios per tier that running instances have
 * counted, per tenant when the admin token is configured.
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Per tenant and tier: items, bytes, oldest/newest, largest keys; hit ratios from a running server.")
public class StatsCommand implements Callable<Integer> {

    @Mixin
    ContextOptions context;

    @Option(names = "--tenant", paramLabel = "id", description = "One tenant (default: all).")
    String tenant;

    @Option(names = "--top", defaultValue = "3", description = "Largest keys shown per tenant (default: ${DEFAULT-VALUE}; 0 = none).")
    int top;

    @Option(names = "--no-warm", description = "Skip scanning Redis.")
    boolean noWarm;

    @Option(names = "--server", paramLabel = "url",
            description = "A running server (http://host:8080) to read read-hit ratios from; repeat it for every instance, the counts are summed. "
                    + "Per tenant with the server's admin token (strata.admin.token / STRATA_ADMIN_TOKEN, read from the configuration like every "
                    + "other setting); without it, over all tenants.")
    List<String> servers = new ArrayList<>();

    @Mixin
    JsonOutput jsonOutput;

    @Mixin
    ProgressOutput progressOutput;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, Object> result = new LinkedHashMap<>();
        try (StoreContext stores = StoreContext.open(context)) {
            long now = System.currentTimeMillis();
            Map<String, Map<String, Object>> tenants = new LinkedHashMap<>();
            String where = "(expires_at IS NULL OR expires_at > ?)" + (tenant == null ? "" : " AND tenant_id = ?");
            Object[] parameters = tenant == null ? new Object[] {new Timestamp(now)} : new Object[] {new Timestamp(now), tenant};
            stores.jdbc().query("SELECT tenant_id, count(*), coalesce(sum(octet_length(value)), 0), min(updated_at), max(updated_at), "
                    + "count(expires_at) FROM kv_items WHERE " + where + " GROUP BY tenant_id ORDER BY tenant_id", rs -> {
                        Map<String, Object> durable = new LinkedHashMap<>();
                        durable.put("items", rs.getLong(2));
                        durable.put("bytes", rs.getLong(3));
                        durable.put("withTtl", rs.getLong(6));
                        durable.put("oldestWrite", rs.getTimestamp(4).toInstant());
                        durable.put("newestWrite", rs.getTimestamp(5).toInstant());
                        Map<String, Object> entry = new LinkedHashMap<>();
                        entry.put("durable", durable);
                        tenants.put(rs.getString(1), entry);
                    }, parameters);
            for (Map.Entry<String, Map<String, Object>> entry : tenants.entrySet()) {
                if (top > 0) {
                    List<String> largest = new ArrayList<>();
                    stores.jdbc().query("SELECT namespace, item_key, octet_length(value) FROM kv_items WHERE tenant_id = ? AND "
                                    + "(expires_at IS NULL OR expires_at > ?) ORDER BY octet_length(value) DESC, namespace, item_key LIMIT ?",
                            rs -> {
                                largest.add(rs.getString(1) + "/" + rs.getString(2) + " (" + rs.getInt(3) + " bytes)");
                            }, entry.getKey(), new Timestamp(now), top);
                    ((Map<String, Object>) entry.getValue().get("durable")).put("largest", largest);
                }
            }
            Optional<WarmItems> warm = noWarm ? Optional.empty() : stores.warm();
            warm.ifPresent(items -> countWarm(items, tenants));
            result.put("tenants", tenants);
            if (!servers.isEmpty()) {
                addServerCounts(stores.adminToken(), tenants, result);
            }
        }
        print(result);
        return ExitCode.OK.code();
    }

    /** Per tenant (with the admin token) or over all tenants: what the running servers counted. */
    private void addServerCounts(String adminToken, Map<String, Map<String, Object>> tenants, Map<String, Object> result) {
        if (adminToken.isBlank()) {
            Map<String, Object> totals = new LinkedHashMap<>();
            ServerReadCounts.totals(servers).forEach((tier, counts) -> totals.put(tier, ServerReadCounts.view(counts)));
            result.put("hitRatios", totals);
            return;
        }
        ServerReadCounts.perTenant(servers, adminToken).forEach((id, counts) -> {
            if (tenant == null || tenant.equals(id)) {
                Map<String, Object> ratios = new LinkedHashMap<>();
                counts.reads().forEach((tier, tierCounts) -> ratios.put(tier, ServerReadCounts.view(tierCounts)));
                Map<String, Object> entry = tenants.computeIfAbsent(id, t -> new LinkedHashMap<>());
                entry.put("hot", Map.of("entries", counts.hot()[0], "bytes", counts.hot()[1]));
                entry.put("hitRatios", ratios);
            }
        });
    }

    /** Counts cached items and value bytes per tenant with one pass over Redis. */
    private void countWarm(WarmItems items, Map<String, Map<String, Object>> tenants) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        try (Progress progress = Progress.start("stats (Redis scan)", -1, progressOutput.wanted() && !jsonOutput.requested())) {
            // SCAN does not say how many keys it will visit: estimate with the tenant's durable items, or all keys in Redis.
            if (progress.shown()) {
                progress.expect(tenant != null && tenants.get(tenant) != null && tenants.get(tenant).get("durable") instanceof Map<?, ?> d
                        ? (Long) d.get("items") : items.keyCount());
            }
            items.forEachPage(tenant, keys -> {
                items.read(keys).forEach(e -> {
                    if (!e.tombstone() && e.value() != null) {
                        long[] c = counts.computeIfAbsent(e.key().tenant(), t -> new long[3]);
                        c[0]++;
                        c[1] += e.value().length;
                        c[2] += e.ephemeral() ? 1 : 0;
                    }
                });
                progress.stepBy(keys.size());
            });
        }
        counts.forEach((id, c) -> tenants.computeIfAbsent(id, t -> new LinkedHashMap<>())
                .put("warm", Map.of("items", c[0], "bytes", c[1], "ephemeral", c[2])));
    }

    /** "hot 0.950 (950 hits, 50 misses), warm …" */
    private static String describe(Map<?, ?> ratios) {
        List<String> parts = new ArrayList<>();
        ratios.forEach((tier, r) -> {
            Map<?, ?> counts = (Map<?, ?>) r;
            parts.add(String.format(java.util.Locale.ROOT, "%s %.3f (%s hits, %s misses)", tier, ((Number) counts.get("hitRatio")).doubleValue(),
                    counts.get("hits"), counts.get("misses")));
        });
        return String.join(", ", parts);
    }

    @SuppressWarnings("unchecked")
    private void print(Map<String, Object> result) {
        PrintWriter out = spec.commandLine().getOut();
        if (jsonOutput.requested()) {
            Output.json(out, result);
            return;
        }
        Map<String, Map<String, Object>> tenants = (Map<String, Map<String, Object>>) result.get("tenants");
        if (tenants.isEmpty()) {
            out.println("No items.");
        }
        tenants.forEach((id, tiers) -> {
            out.println("tenant " + id);
            if (tiers.get("durable") instanceof Map<?, ?> d) {
                out.printf("  durable  %d items, %d bytes, %d with TTL, writes %s .. %s%n", d.get("items"), d.get("bytes"), d.get("withTtl"),
                        d.get("oldestWrite"), d.get("newestWrite"));
                if (d.get("largest") instanceof List<?> largest && !largest.isEmpty()) {
                    out.println("           largest: " + String.join(", ", (List<String>) largest));
                }
            }
            if (tiers.get("warm") instanceof Map<?, ?> w) {
                out.printf("  warm     %d items, %d bytes (%d ephemeral)%n", w.get("items"), w.get("bytes"), w.get("ephemeral"));
            }
            if (tiers.get("hot") instanceof Map<?, ?> h) {
                out.printf("  hot      %d entries, %d bytes (summed over %d server(s))%n", h.get("entries"), h.get("bytes"), servers.size());
            }
            if (tiers.get("hitRatios") instanceof Map<?, ?> ratios) {
                out.println("  reads    " + describe(ratios) + " (" + servers.size() + " server(s), since each started)");
            }
        });
        if (result.get("hitRatios") instanceof Map<?, ?> ratios) {
            out.println("reads, all tenants (" + String.join(", ", servers) + ", since each started; per tenant needs strata.admin.token):");
            out.println("  " + describe(ratios));
        }
        out.flush();
    }
}

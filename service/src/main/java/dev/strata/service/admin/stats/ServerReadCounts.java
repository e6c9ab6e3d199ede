package dev.strata.service.admin.stats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.service.admin.AdminFailure;
import dev.strata.service.admin.ExitCode;
import dev.strata.service.admin.Output;
import dev.strata.service.admin.ServerApi;
import dev.strata.service.observability.TenantHitCounters;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Read hits and misses per tier as running servers count them, since each one started. With the
 * admin token, per tenant ({@code GET /v1/admin/stats/tenants}, which also gives each hot tier's
 * entries and bytes per tenant), summed over every server given;
 * without it, only each server's totals over all tenants ({@code strata_tier_hits_total} /
 * {@code strata_tier_misses_total} on {@code /actuator/prometheus}).
 */
final class ServerReadCounts {

    private static final Pattern SAMPLE = Pattern.compile("^strata_tier_(hits|misses)_total\\{[^}]*tier=\"([a-z]+)\"[^}]*}\\s+(\\S+)");

    private ServerReadCounts() {
    }

    /**
     * One tenant summed over the servers: reads per tier as [hits, misses], and the hot tiers'
     * entries and value bytes (each instance has its own hot tier, so these add up copies).
     */
    record TenantCounts(Map<String, long[]> reads, long[] hot) { }

    /** tenant → its counts, summed over the servers. */
    static Map<String, TenantCounts> perTenant(List<String> servers, String adminToken) {
        Map<String, TenantCounts> sums = new TreeMap<>();
        for (String server : servers) {
            JsonNode answer;
            try {
                answer = Output.mapper().readTree(get(server, "/v1/admin/stats/tenants", adminToken));
            } catch (IOException e) {
                throw new AdminFailure(ExitCode.UNAVAILABLE, server + " answered something that is not JSON.");
            }
            answer.path("tenants").properties().forEach(tenant -> {
                TenantCounts sum = sums.computeIfAbsent(tenant.getKey(), t -> new TenantCounts(new LinkedHashMap<>(), new long[2]));
                tenant.getValue().path("reads").properties().forEach(tier -> {
                    long[] counts = sum.reads().computeIfAbsent(tier.getKey(), t -> new long[2]);
                    counts[0] += tier.getValue().path("hits").asLong();
                    counts[1] += tier.getValue().path("misses").asLong();
                });
                sum.hot()[0] += tenant.getValue().path("hot").path("entries").asLong();
                sum.hot()[1] += tenant.getValue().path("hot").path("bytes").asLong();
            });
        }
        return sums;
    }

    /** tier → [hits, misses] over all tenants, summed over the servers; tiers fastest first. */
    static Map<String, long[]> totals(List<String> servers) {
        Map<String, long[]> counts = new TreeMap<>(java.util.Comparator.comparingInt(ServerReadCounts::rank).thenComparing(tier -> tier));
        for (String server : servers) {
            get(server, "/actuator/prometheus", null).lines().forEach(line -> {
                Matcher m = SAMPLE.matcher(line);
                if (m.find()) {
                    counts.computeIfAbsent(m.group(2), t -> new long[2])[m.group(1).equals("hits") ? 0 : 1] += (long) Double.parseDouble(m.group(3));
                }
            });
        }
        return counts;
    }

    private static int rank(String tier) {
        for (dev.strata.service.tier.Tier known : dev.strata.service.tier.Tier.values()) {
            if (known.label().equals(tier)) {
                return known.ordinal();
            }
        }
        return Integer.MAX_VALUE;
    }

    /** {hits, misses, hitRatio} of one tier's counts, the ratio rounded to 3 places. */
    static Map<String, Object> view(long[] counts) {
        return new TenantHitCounters.Counts(counts[0], counts[1]).asMap();
    }

    private static String get(String server, String path, String adminToken) {
        return new ServerApi(server, adminToken, Duration.ofSeconds(10)).get(path);
    }
}

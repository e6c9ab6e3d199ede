package dev.strata.service.observability;

import dev.strata.service.tier.Tier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.stereotype.Component;

/**
 * Reads answered and missed per tenant and tier since this instance started, for {@code admin stats}
 * and {@code GET /v1/admin/stats/tenants}. Kept here rather than as a Prometheus label: a label per
 * tenant would multiply every tier series by the number of tenants. One map lookup and one
 * {@link LongAdder} increment per read keep it off the hot path's cost. Tenants beyond
 * {@link #MAX_TENANTS} are counted together under {@link #OTHER_TENANTS}, so a flood of tenants cannot
 * grow the map without bound.
 */
@Component
public final class TenantHitCounters {

    public static final int MAX_TENANTS = 10_000;
    public static final String OTHER_TENANTS = "(other tenants)";

    private static final int TIERS = Tier.values().length;

    private final Map<String, LongAdder[]> counters = new ConcurrentHashMap<>();

    public void hit(String tenant, Tier tier) {
        counters(tenant)[tier.ordinal()].increment();
    }

    public void miss(String tenant, Tier tier) {
        counters(tenant)[TIERS + tier.ordinal()].increment();
    }

    private LongAdder[] counters(String tenant) {
        LongAdder[] existing = counters.get(tenant);
        if (existing != null) {
            return existing;
        }
        String slot = counters.size() >= MAX_TENANTS ? OTHER_TENANTS : tenant;
        return counters.computeIfAbsent(slot, t -> {
            LongAdder[] fresh = new LongAdder[2 * TIERS];
            for (int i = 0; i < fresh.length; i++) {
                fresh[i] = new LongAdder();
            }
            return fresh;
        });
    }

    /** Hits and misses of one tier. */
    public record Counts(long hits, long misses) {
        public double hitRatio() {
            return hits + misses == 0 ? 0.0 : (double) hits / (hits + misses);
        }

        /** {hits, misses, hitRatio} with the ratio rounded to 3 places: the form the API and {@code admin stats} show. */
        public Map<String, Object> asMap() {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("hits", hits);
            view.put("misses", misses);
            view.put("hitRatio", Math.round(hitRatio() * 1000) / 1000.0);
            return view;
        }
    }

    /** tenant → tier label → counts, tenants in id order, tiers fastest first. */
    public Map<String, Map<String, Counts>> snapshot() {
        Map<String, Map<String, Counts>> snapshot = new TreeMap<>();
        counters.forEach((tenant, values) -> snapshot.put(tenant, tiers(values)));
        return snapshot;
    }

    /** One tenant's counts (all zero when it has not read anything here). */
    public Map<String, Counts> of(String tenant) {
        LongAdder[] values = counters.get(tenant);
        return values == null ? tiers(null) : tiers(values);
    }

    private static Map<String, Counts> tiers(LongAdder[] values) {
        Map<String, Counts> tiers = new LinkedHashMap<>();
        for (Tier tier : Tier.values()) {
            tiers.put(tier.label(), values == null ? new Counts(0, 0)
                    : new Counts(values[tier.ordinal()].sum(), values[TIERS + tier.ordinal()].sum()));
        }
        return tiers;
    }
}

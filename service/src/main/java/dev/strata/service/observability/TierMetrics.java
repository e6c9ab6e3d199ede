package dev.strata.service.observability;

import dev.strata.service.tier.Tier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Pre-registered per-tier meters. Looking a meter up by name and tags on every request allocates;
 * holding them in enum maps keeps the read path allocation-free.
 */
@Component
public class TierMetrics {

    /** Operations timed per tier. */
    public enum Operation { GET, PUT, DELETE }

    private final Map<Tier, Counter> hits = new EnumMap<>(Tier.class);
    private final Map<Tier, Counter> misses = new EnumMap<>(Tier.class);
    private final Map<Tier, Map<Operation, Timer>> latency = new EnumMap<>(Tier.class);
    private final Counter promotionsWarmToHot;
    private final Counter promotionsDurableToWarm;
    private final Counter promotionsDurableToHot;
    private final MeterRegistry registry;
    private final TenantHitCounters tenants;

    public TierMetrics(MeterRegistry registry) {
        this(registry, new TenantHitCounters());
    }

    @org.springframework.beans.factory.annotation.Autowired
    public TierMetrics(MeterRegistry registry, TenantHitCounters tenants) {
        this.registry = registry;
        this.tenants = tenants;
        for (Tier tier : Tier.values()) {
            hits.put(tier, Counter.builder(StrataMetrics.TIER_HITS).tag(StrataMetrics.TAG_TIER, tier.label())
                    .description("Reads answered by this tier").register(registry));
            misses.put(tier, Counter.builder(StrataMetrics.TIER_MISSES).tag(StrataMetrics.TAG_TIER, tier.label())
                    .description("Reads this tier could not answer").register(registry));
            Map<Operation, Timer> byOperation = new EnumMap<>(Operation.class);
            for (Operation operation : Operation.values()) {
                byOperation.put(operation, Timer.builder(StrataMetrics.TIER_OPERATION)
                        .tag(StrataMetrics.TAG_TIER, tier.label())
                        .tag(StrataMetrics.TAG_OPERATION, operation.name().toLowerCase())
                        .description("Latency of one operation against one tier")
                        .serviceLevelObjectives(StrataMetrics.LATENCY_BUCKETS)
                        .register(registry));
            }
            latency.put(tier, byOperation);
        }
        promotionsWarmToHot = promotion("warm", "hot");
        promotionsDurableToWarm = promotion("durable", "warm");
        promotionsDurableToHot = promotion("durable", "hot");
    }

    private Counter promotion(String from, String to) {
        return Counter.builder(StrataMetrics.TIER_PROMOTIONS).tag("from", from).tag("to", to)
                .description("Items copied up after a lower-tier hit").register(registry);
    }

    /** Whether this hot-tier read should be timed (1 in 16, so the histogram keeps its shape at a fraction of the cost). */
    public boolean sampleHotRead() {
        return (java.util.concurrent.ThreadLocalRandom.current().nextInt() & 15) == 0;
    }

    /** A read of this tenant's item answered by this tier (counted for the instance and for the tenant). */
    public void hit(Tier tier, String tenant) {
        hits.get(tier).increment();
        tenants.hit(tenant, tier);
    }

    public void miss(Tier tier, String tenant) {
        misses.get(tier).increment();
        tenants.miss(tenant, tier);
    }

    public TenantHitCounters tenants() {
        return tenants;
    }

    public void recordNanos(Tier tier, Operation operation, long nanos) {
        latency.get(tier).get(operation).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    public void promotedWarmToHot() {
        promotionsWarmToHot.increment();
    }

    public void promotedDurableToWarm() {
        promotionsDurableToWarm.increment();
    }

    public void promotedDurableToHot() {
        promotionsDurableToHot.increment();
    }

    /** An eviction counter for one tier and cause; callers hold on to it. */
    public Counter evictions(Tier tier, String cause) {
        return Counter.builder(StrataMetrics.TIER_EVICTIONS).tag(StrataMetrics.TAG_TIER, tier.label()).tag("cause", cause)
                .description("Items leaving a tier other than by a client delete").register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }
}

package dev.strata.service.tier.hot;

import dev.strata.service.observability.StrataMetrics;
import dev.strata.service.observability.TierMetrics;
import dev.strata.service.tier.Tier;
import io.micrometer.core.instrument.Gauge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the hot tier chosen by {@code strata.hot.policy} and exports its size gauges. */
@Configuration(proxyBeanMethods = false)
public class HotTierConfiguration {

    private static final Logger log = LoggerFactory.getLogger(HotTierConfiguration.class);

    /** The values {@code strata.hot.policy} accepts; {@code admin validate-config} checks against the same set. */
    public static final java.util.Set<String> POLICIES = java.util.Set.of("caffeine", "w-tinylfu");

    @Bean
    HotTier hotTier(HotTierProperties properties, TierMetrics metrics) {
        HotTier hotTier = switch (properties.policy()) {
            case "caffeine", "w-tinylfu" -> new CaffeineHotTier(properties.maxBytes(), properties.maxStalenessSeconds(),
                    System::currentTimeMillis,
                    metrics.evictions(Tier.HOT, "size"),
                    metrics.evictions(Tier.HOT, "expired"),
                    metrics.evictions(Tier.HOT, "invalidated"));
            default -> throw new IllegalStateException("strata.hot.policy=" + properties.policy()
                    + " is not a known policy; known: caffeine");
        };
        Gauge.builder(StrataMetrics.HOT_BYTES, hotTier, HotTier::weightedBytes)
                .description("Estimated bytes held by the hot tier").baseUnit("bytes").register(metrics.registry());
        Gauge.builder(StrataMetrics.HOT_ENTRIES, hotTier, HotTier::entryCount)
                .description("Entries in the hot tier").register(metrics.registry());
        Gauge.builder(StrataMetrics.HOT_CAPACITY_BYTES, hotTier, HotTier::capacityBytes)
                .description("Configured hot-tier byte budget").register(metrics.registry());
        log.info("Hot tier: policy={}, budget={} bytes", hotTier.policyName(), hotTier.capacityBytes());
        return hotTier;
    }

    /** Reclaims the memory of expired entries that are never read again. */
    @Bean
    HotTierSweeper hotTierSweeper(HotTier hotTier) {
        return new HotTierSweeper(hotTier);
    }

    /** Runs {@link HotTier#sweepExpired()} every 30 s. */
    public static final class HotTierSweeper {
        private final HotTier hotTier;

        HotTierSweeper(HotTier hotTier) {
            this.hotTier = hotTier;
        }

        @org.springframework.scheduling.annotation.Scheduled(fixedDelay = 30_000, initialDelay = 30_000)
        public void sweep() {
            hotTier.sweepExpired();
        }
    }
}

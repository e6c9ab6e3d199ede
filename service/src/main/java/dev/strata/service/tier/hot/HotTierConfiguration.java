package dev.strata.service.tier.hot;

import dev.strata.service.observability.StrataMetrics;
import dev.strata.service.observability.TierMetrics;
import dev.strata.service.tier.Tier;
import dev.strata.placement.PolicyRegistry;
import dev.strata.service.flags.Feature;
import dev.strata.service.flags.FeatureFlags;
import io.micrometer.core.instrument.Gauge;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the hot tier chosen by {@code strata.hot.policy} and exports its size gauges. */
@Configuration(proxyBeanMethods = false)
public class HotTierConfiguration {

    private static final Logger log = LoggerFactory.getLogger(HotTierConfiguration.class);

    /** The plain Caffeine tier (not a placement-module policy). */
    private static final Set<String> CAFFEINE = Set.of("caffeine");

    /** The values {@code strata.hot.policy} accepts: Caffeine, or any online placement policy. */
    public static final Set<String> POLICIES = Stream.concat(CAFFEINE.stream(), PolicyRegistry.onlineNames().stream())
            .collect(Collectors.toCollection(TreeSet::new));

    @Bean
    HotTier hotTier(HotTierProperties properties, TierMetrics metrics, FeatureFlags flags) {
        HotTier placed = create(properties, metrics);
        HotTier hotTier = placed instanceof PolicyHotTier
                // Tenants with learned-placement off get what the plain server has: a Caffeine tier.
                ? new TenantRoutedHotTier(placed,
                        tenant -> flags.isEnabledOrDefault(tenant, Feature.LEARNED_PLACEMENT),
                        () -> plainTier(properties, metrics))
                : placed;
        Gauge.builder(StrataMetrics.HOT_BYTES, hotTier, HotTier::weightedBytes)
                .description("Estimated bytes held by the hot tier").baseUnit("bytes").register(metrics.registry());
        Gauge.builder(StrataMetrics.HOT_ENTRIES, hotTier, HotTier::entryCount)
                .description("Entries in the hot tier").register(metrics.registry());
        Gauge.builder(StrataMetrics.HOT_CAPACITY_BYTES, hotTier, HotTier::capacityBytes)
                .description("Configured hot-tier byte budget").register(metrics.registry());
        if (placed instanceof PolicyHotTier policyTier) {
            PlacementMetrics.register(policyTier, metrics.registry());
        }
        log.info("Hot tier: policy={}, budget={} bytes{}", hotTier.policyName(), hotTier.capacityBytes(),
                properties.checkpointDir().isBlank() ? "" : ", model checkpoint in " + properties.checkpointDir());
        return hotTier;
    }

    private static HotTier plainTier(HotTierProperties properties, TierMetrics metrics) {
        long budget = Math.max(1024, (long) (properties.maxBytes() * properties.plainShare()));
        log.info("Hot tier: a tenant has learned-placement off; plain Caffeine tier of {} bytes created", budget);
        return caffeine(budget, properties, metrics);
    }

    private static CaffeineHotTier caffeine(long budget, HotTierProperties properties, TierMetrics metrics) {
        return new CaffeineHotTier(budget, properties.maxStalenessSeconds(), System::currentTimeMillis,
                metrics.evictions(Tier.HOT, "size"),
                metrics.evictions(Tier.HOT, "expired"),
                metrics.evictions(Tier.HOT, "invalidated"));
    }

    private static HotTier create(HotTierProperties properties, TierMetrics metrics) {
        String policy = properties.policy();
        if (CAFFEINE.contains(policy)) {
            return caffeine(properties.maxBytes(), properties, metrics);
        }
        if (!POLICIES.contains(policy)) {
            throw new IllegalStateException("strata.hot.policy=" + policy + " is not a known policy; choose one of "
                    + POLICIES);
        }
        return new PolicyHotTier(policy, properties.maxBytes(), properties.meanEntryBytes(),
                checkpointDir(properties.checkpointDir()), properties.maxStalenessSeconds(),
                System::currentTimeMillis,
                metrics.evictions(Tier.HOT, "size"),
                metrics.evictions(Tier.HOT, "expired"),
                metrics.evictions(Tier.HOT, "invalidated"));
    }

    /** The checkpoint directory, created if needed; null when none is configured. */
    private static Path checkpointDir(String configured) {
        if (configured.isBlank()) {
            return null;
        }
        Path directory = Path.of(configured).toAbsolutePath();
        try {
            Files.createDirectories(directory);
        } catch (IOException | SecurityException e) {
            throw new IllegalStateException("strata.hot.checkpoint-dir=" + configured
                    + " cannot be created: " + e.getMessage(), e);
        }
        if (!Files.isWritable(directory)) {
            throw new IllegalStateException("strata.hot.checkpoint-dir=" + configured + " is not writable");
        }
        return directory;
    }

    /** Saves the learned policy's checkpoint and stops its trainer when the server stops. */
    @Bean
    DisposableBean hotTierCloser(HotTier hotTier) {
        return () -> {
            if (hotTier instanceof AutoCloseable closeable) {
                closeable.close();
            }
        };
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

package dev.strata.service.coherence;

import dev.strata.service.tier.hot.HotTier;
import dev.strata.service.tier.warm.RedisWarmTier;
import dev.strata.service.tier.warm.WarmTier;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/** Redis pub/sub first when a warm tier is configured; PostgreSQL NOTIFY always. */
@Configuration(proxyBeanMethods = false)
public class CoherenceConfiguration {

    @Bean(destroyMethod = "close")
    @DependsOn("flywayInitializer")
    CoherenceService coherenceService(HotTier hotTier, WarmTier warmTier, DataSource dataSource, MeterRegistry registry) {
        List<InvalidationTransport> transports = new ArrayList<>();
        if (warmTier instanceof RedisWarmTier redis) {
            transports.add(new RedisPubSubTransport(redis));
            redis.onReattach(hotTier::clear);
        }
        transports.add(new PostgresNotifyTransport(dataSource));
        return new CoherenceService(hotTier, transports, registry);
    }
}

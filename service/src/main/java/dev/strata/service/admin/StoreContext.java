package dev.strata.service.admin;

import dev.strata.service.embedded.EmbeddedPostgresProperties;
import dev.strata.service.flags.FeatureFlagProperties;
import dev.strata.service.prune.PruneProperties;
import dev.strata.service.tier.durable.DurableTierConfiguration;
import dev.strata.service.tier.durable.DurableTierProperties;
import dev.strata.service.tier.warm.WarmItems;
import dev.strata.service.tier.warm.WarmTierProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The server's stores, wired by the server's own configuration classes and properties (so
 * application.yml, environment variables and profiles apply exactly as they do for the server),
 * in a context without a web server, scheduling or Flyway. Close it when done.
 */
public final class StoreContext implements AutoCloseable {

    /** Defaults for admin runs: quiet logs so the command's own output is readable. */
    private static final Map<String, Object> ADMIN_DEFAULTS = Map.of(
            "logging.level.root", "warn",
            "logging.level.io.zonky", "error",
            "logging.config", "classpath:dev/strata/service/admin/logback-admin.xml",
            "spring.main.banner-mode", "off",
            "spring.main.log-startup-info", "false");

    /** The defaults every admin context starts from. */
    public static Map<String, Object> adminDefaults() {
        return ADMIN_DEFAULTS;
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({DurableTierProperties.class, WarmTierProperties.class, EmbeddedPostgresProperties.class,
        PruneProperties.class, FeatureFlagProperties.class})
    @Import(DurableTierConfiguration.class)
    static class Stores {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        JdbcTemplate jdbcTemplate(DataSource dataSource) {
            return new JdbcTemplate(dataSource);
        }
    }

    private final ConfigurableApplicationContext context;
    private WarmItems warm;

    private StoreContext(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static StoreContext open(ContextOptions options) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Stores.class)
                .web(WebApplicationType.NONE)
                .properties(ADMIN_DEFAULTS)
                .run(options.springArguments());
        return new StoreContext(context);
    }

    public org.springframework.core.env.ConfigurableEnvironment environment() {
        return context.getEnvironment();
    }

    public DataSource dataSource() {
        return context.getBean(DataSource.class);
    }

    /** The servers' admin token as the configuration gives it (strata.admin.token / STRATA_ADMIN_TOKEN); empty when unset. */
    public String adminToken() {
        return environment().getProperty("strata.admin.token", "");
    }

    public JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The warm tier's entries when Redis is configured; connects on first use. */
    public synchronized Optional<WarmItems> warm() {
        WarmTierProperties properties = context.getBean(WarmTierProperties.class);
        if (!properties.enabled()) {
            return Optional.empty();
        }
        if (warm == null) {
            warm = WarmItems.connect(properties);
        }
        return Optional.of(warm);
    }

    @Override
    public void close() {
        if (warm != null) {
            warm.close();
        }
        context.close();
    }
}

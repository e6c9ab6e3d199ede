package dev.strata.service.tier.durable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.strata.service.embedded.EmbeddedPostgresProperties;
import dev.strata.service.embedded.EmbeddedPostgresServer;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Wires PostgreSQL: the configured server, or the embedded one when no URL is set. */
@Configuration(proxyBeanMethods = false)
public class DurableTierConfiguration {

    /** Matches when {@code strata.durable.url} is empty. */
    static final class NoDurableUrl implements org.springframework.context.annotation.Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("strata.durable.url", "");
            return url.isBlank();
        }
    }

    @Bean(destroyMethod = "close")
    @Conditional(NoDurableUrl.class)
    EmbeddedPostgresServer embeddedPostgresServer(EmbeddedPostgresProperties properties) {
        return EmbeddedPostgresServer.start(properties);
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DurableTierProperties properties, ObjectProvider<EmbeddedPostgresServer> embedded) {
        HikariConfig config = new HikariConfig();
        EmbeddedPostgresServer server = embedded.getIfAvailable();
        if (server != null) {
            config.setJdbcUrl(server.jdbcUrl());
            config.setUsername(server.username());
        } else {
            if (!properties.url().startsWith("jdbc:postgresql:")) {
                // The URL is not echoed: it may carry a password parameter.
                throw new IllegalStateException("strata.durable.url must be a PostgreSQL JDBC URL "
                        + "(jdbc:postgresql://host:5432/database)");
            }
            config.setJdbcUrl(properties.url());
            config.setUsername(properties.username());
            config.setPassword(properties.password());
        }
        config.setPoolName("strata-durable");
        config.setMaximumPoolSize(properties.poolSize());
        config.setMinimumIdle(Math.min(4, properties.poolSize()));
        config.setConnectionTimeout(properties.connectionTimeoutMs());
        config.setValidationTimeout(Math.max(250, properties.connectionTimeoutMs() / 2));
        // Fail at first use rather than at start-up when the database is briefly unreachable;
        // Flyway will still fail start-up if it cannot migrate.
        config.setInitializationFailTimeout(-1);
        // No reWriteBatchedInserts: a multi-row upsert fails when one group writes the same key twice.
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("socketTimeout", "30");
        return new HikariDataSource(config);
    }

    @Bean(destroyMethod = "close")
    GroupCommitter groupCommitter(DataSource dataSource, DurableTierProperties properties, MeterRegistry registry) {
        return new GroupCommitter(dataSource, properties.groupCommit().maxBatch(), properties.groupCommit().queueCapacity(),
                properties.groupCommit().threads(), System::currentTimeMillis, registry);
    }

    @Bean
    DurableTier durableTier(DataSource dataSource, GroupCommitter groupCommitter) {
        return new DurableTier(dataSource, groupCommitter, System::currentTimeMillis);
    }
}

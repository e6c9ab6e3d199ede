package dev.strata.service.support;

import dev.strata.service.StrataApplication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A memory server started in this JVM on a random port against the shared embedded stores. */
public final class TestServer implements AutoCloseable {

    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";

    private final ConfigurableApplicationContext context;
    private final ApiClient client;

    private TestServer(ConfigurableApplicationContext context) {
        this.context = context;
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.client = new ApiClient("http://127.0.0.1:" + port, ADMIN_TOKEN);
    }

    /** Starts a server with PostgreSQL and Redis; {@code overrides} are extra properties. */
    public static TestServer withRedis(Map<String, String> overrides) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("strata.warm.url", EmbeddedStores.redisUrl());
        properties.putAll(overrides);
        return start(properties);
    }

    /** Starts a server with PostgreSQL only (no warm tier). */
    public static TestServer withoutRedis(Map<String, String> overrides) {
        return start(new LinkedHashMap<>(overrides));
    }

    private static TestServer start(Map<String, String> properties) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("server.port", "0");
        all.put("strata.durable.url", EmbeddedStores.postgresUrl());
        all.put("strata.durable.username", "postgres");
        all.put("strata.admin.token", ADMIN_TOKEN);
        all.put("strata.rate-limit.requests-per-second", "100000");
        all.put("strata.rate-limit.burst", "200000");
        // Servers of one test JVM must not share the learned model's checkpoint; tests that need one pass a temp dir.
        all.put("strata.hot.checkpoint-dir", "");
        all.put("logging.level.root", "warn");
        all.putAll(properties);
        List<String> args = new ArrayList<>();
        all.forEach((k, v) -> args.add("--" + k + "=" + v));
        SpringApplication application = new SpringApplication(StrataApplication.class);
        return new TestServer(application.run(args.toArray(String[]::new)));
    }

    public ApiClient client() {
        return client;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}

package dev.strata.service.admin.config;

import dev.strata.service.admin.JsonOutput;
import dev.strata.service.admin.ContextOptions;
import dev.strata.service.admin.ExitCode;
import dev.strata.service.admin.Output;
import dev.strata.service.admin.StoreContext;
import dev.strata.service.embedded.EmbeddedPostgresProperties;
import dev.strata.service.tier.durable.DurableTierProperties;
import dev.strata.service.tier.warm.WarmItems;
import dev.strata.service.tier.warm.WarmTierProperties;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code admin validate-config}: loads the configuration as the server would (application.yml,
 * environment, profiles, -D overrides), reports every bad setting by name, then checks that the
 * configured PostgreSQL and Redis answer. Starts nothing: no web server, no embedded database.
 */
@Command(name = "validate-config", mixinStandardHelpOptions = true,
        description = "Check the server's configuration and the stores it names; report every problem at once.")
public class ValidateConfigCommand implements Callable<Integer> {

    /** An empty context: only the environment is wanted. */
    static class EnvironmentOnly {
    }

    @Mixin
    ContextOptions context;

    @Option(names = "--no-connect", description = "Skip the PostgreSQL and Redis connectivity checks.")
    boolean noConnect;

    @Mixin
    JsonOutput jsonOutput;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<ConfigValidator.Problem> problems = new ArrayList<>();
        Map<String, String> checks = new LinkedHashMap<>();
        try (ConfigurableApplicationContext environmentContext = new SpringApplicationBuilder(EnvironmentOnly.class)
                .web(WebApplicationType.NONE).properties(StoreContext.adminDefaults()).run(context.springArguments())) {
            ConfigurableEnvironment environment = environmentContext.getEnvironment();
            Map<Class<?>, Object> bound = ConfigValidator.bindAll(environment, problems);
            ConfigValidator.crossCheck(bound, problems);
            if (!noConnect && problems.isEmpty()) {
                checkPostgres(bound, problems, checks);
                checkRedis(bound, problems, checks);
            }
            checks.put("profiles", environment.getActiveProfiles().length == 0 ? "default"
                    : String.join(",", environment.getActiveProfiles()));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (jsonOutput.requested()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("valid", problems.isEmpty());
            result.put("problems", problems);
            result.put("checks", checks);
            Output.json(out, result);
        } else {
            checks.forEach((name, result) -> out.printf("%-10s %s%n", name, result));
            if (problems.isEmpty()) {
                out.println("Configuration is valid.");
            } else {
                out.printf("%d problem(s):%n", problems.size());
                problems.forEach(p -> out.printf("  %s: %s%n", p.setting(), p.message()));
            }
            out.flush();
        }
        return problems.isEmpty() ? ExitCode.OK.code() : ExitCode.FINDINGS.code();
    }

    private static void checkPostgres(Map<Class<?>, Object> bound, List<ConfigValidator.Problem> problems, Map<String, String> checks) {
        DurableTierProperties durable = (DurableTierProperties) bound.get(DurableTierProperties.class);
        if (durable.embedded()) {
            EmbeddedPostgresProperties embedded = (EmbeddedPostgresProperties) bound.get(EmbeddedPostgresProperties.class);
            checks.put("postgresql", "embedded, data in " + embedded.dataDir() + " (not started by this check)");
            return;
        }
        Properties credentials = new Properties();
        credentials.setProperty("user", durable.username() == null ? "" : durable.username());
        credentials.setProperty("password", durable.password() == null ? "" : durable.password());
        credentials.setProperty("connectTimeout", "5");
        credentials.setProperty("loginTimeout", "5");
        try (Connection connection = DriverManager.getConnection(durable.url(), credentials)) {
            checks.put("postgresql", "reachable (" + connection.getMetaData().getDatabaseProductName() + " "
                    + connection.getMetaData().getDatabaseProductVersion() + ")");
        } catch (SQLException e) {
            // The driver's message names host and cause, never the password.
            problems.add(new ConfigValidator.Problem("strata.durable.url", "cannot connect to PostgreSQL: " + e.getMessage()));
            checks.put("postgresql", "unreachable");
        }
    }

    private static void checkRedis(Map<Class<?>, Object> bound, List<ConfigValidator.Problem> problems, Map<String, String> checks) {
        WarmTierProperties warm = (WarmTierProperties) bound.get(WarmTierProperties.class);
        if (!warm.enabled()) {
            checks.put("redis", "not configured (warm tier disabled)");
            return;
        }
        try (WarmItems items = WarmItems.connect(warm)) {
            items.ping();
            checks.put("redis", "reachable");
        } catch (RuntimeException e) {
            problems.add(new ConfigValidator.Problem("strata.warm.url", "cannot connect to Redis: " + ConfigValidator.rootMessage(e)));
            checks.put("redis", "unreachable");
        }
    }
}

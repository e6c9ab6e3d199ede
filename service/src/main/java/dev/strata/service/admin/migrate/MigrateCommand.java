package dev.strata.service.admin.migrate;

import dev.strata.service.admin.JsonOutput;
import dev.strata.service.admin.AdminFailure;
import dev.strata.service.admin.ContextOptions;
import dev.strata.service.admin.ExitCode;
import dev.strata.service.admin.Output;
import dev.strata.service.admin.StoreContext;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.output.MigrateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code admin migrate [--dry-run]}: applies the schema migrations this jar carries (the same the
 * server applies at start-up), or lists them. Refuses a database whose schema is newer than the jar:
 * an old jar must not run against a schema it does not understand.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply pending schema migrations, or list them with --dry-run.")
public class MigrateCommand implements Callable<Integer> {

    @Mixin
    ContextOptions context;

    @Option(names = "--dry-run", description = "Only list the pending migrations.")
    boolean dryRun;

    @Mixin
    JsonOutput jsonOutput;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (StoreContext stores = StoreContext.open(context)) {
            String[] locations = stores.environment().getProperty("spring.flyway.locations", String[].class,
                    new String[] {"classpath:db/migration"});
            Flyway flyway = Flyway.configure().dataSource(stores.dataSource()).locations(locations).load();
            MigrationInfoService info = flyway.info();
            List<MigrationInfo> future = Arrays.stream(info.all()).filter(m -> isFuture(m)).toList();
            String current = info.current() == null ? "empty" : info.current().getVersion().getVersion();
            if (!future.isEmpty()) {
                throw new AdminFailure(ExitCode.REFUSED, "The database schema is at version " + current
                        + ", newer than this jar knows (latest " + latestKnown(info) + "); use the newer server's jar. Nothing was changed.");
            }
            List<Map<String, String>> pending = new ArrayList<>();
            for (MigrationInfo migration : info.pending()) {
                Map<String, String> row = new LinkedHashMap<>();
                row.put("version", migration.getVersion().getVersion());
                row.put("description", migration.getDescription());
                row.put("script", migration.getScript());
                pending.add(row);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (dryRun) {
                report(out, current, pending, "Dry run: nothing applied.");
                return ExitCode.OK.code();
            }
            MigrateResult result = flyway.migrate();
            String now = flyway.info().current() == null ? "empty" : flyway.info().current().getVersion().getVersion();
            report(out, current, pending, "Applied " + result.migrationsExecuted + " migration(s); schema now at version " + now + ".");
            return ExitCode.OK.code();
        }
    }

    private void report(PrintWriter out, String current, List<Map<String, String>> pending, String summary) {
        if (jsonOutput.requested()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("currentVersion", current);
            result.put("pending", pending);
            result.put("dryRun", dryRun);
            result.put("summary", summary);
            Output.json(out, result);
            return;
        }
        out.println("Schema version: " + current);
        if (pending.isEmpty()) {
            out.println("No pending migrations.");
        } else {
            out.println("Pending migrations:");
            pending.forEach(m -> out.printf("  %-4s %-40s %s%n", m.get("version"), m.get("description"), m.get("script")));
        }
        out.println(summary);
        out.flush();
    }

    /** Applied by a newer jar: recorded in the history table but unknown to this one. */
    private static boolean isFuture(MigrationInfo migration) {
        return migration.getState().name().startsWith("FUTURE");
    }

    private static String latestKnown(MigrationInfoService info) {
        return Arrays.stream(info.all()).filter(m -> !isFuture(m) && m.getVersion() != null)
                .map(m -> m.getVersion().getVersion()).reduce((a, b) -> b).orElse("none");
    }
}

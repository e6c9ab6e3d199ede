package dev.strata.service.admin.consistency;

import dev.strata.service.admin.JsonOutput;
import dev.strata.service.admin.ProgressOutput;
import dev.strata.service.admin.AdminFailure;
import dev.strata.service.admin.ContextOptions;
import dev.strata.service.admin.ExitCode;
import dev.strata.service.admin.Output;
import dev.strata.service.admin.Progress;
import dev.strata.service.admin.StoreContext;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code admin verify-consistency [--tenant id] [--repair] [--server url …]}: runs every applicable
 * {@link ConsistencyCheck} and reports differences by kind. With --repair the durable tier wins and
 * each change is printed as it is made.
 */
@Command(name = "verify-consistency", mixinStandardHelpOptions = true,
        description = "Compare the warm tier (Redis) with the durable tier (PostgreSQL): values, versions, TTLs, orphans; "
                + "with --server, also each running server's semantic search index: missing, stale and orphaned memories.")
public class VerifyConsistencyCommand implements Callable<Integer> {

    @Mixin
    ContextOptions context;

    @Option(names = "--tenant", paramLabel = "id", description = "Check one tenant (default: all).")
    String tenant;

    @Option(names = "--repair", description = "Make the derived copies match PostgreSQL (durable wins); prints each change.")
    boolean repair;

    @Option(names = "--server", paramLabel = "url",
            description = "A running server (http://host:8080) whose in-process semantic index to compare with PostgreSQL; repeat for every "
                    + "instance. Needs the admin token in the configuration (strata.admin.token / STRATA_ADMIN_TOKEN).")
    List<String> servers = new ArrayList<>();

    @Option(names = "--max-listed", defaultValue = "100", description = "Differences listed individually (default: ${DEFAULT-VALUE}); all are counted.")
    int maxListed;

    @Mixin
    JsonOutput jsonOutput;

    @Mixin
    ProgressOutput progressOutput;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (StoreContext stores = StoreContext.open(context)) {
            List<ConsistencyCheck> checks = ConsistencyChecks.applicable(stores, servers);
            if (checks.isEmpty()) {
                throw new AdminFailure(ExitCode.REFUSED, "Nothing to compare: no warm tier is configured (strata.warm.url is empty) "
                        + "and no --server was given for a semantic index.");
            }
            Map<String, Object> results = new LinkedHashMap<>();
            long totalDrift = 0;
            for (ConsistencyCheck check : checks) {
                Map<String, Long> byKind = new TreeMap<>();
                List<Drift> listed = new ArrayList<>();
                long compared;
                try (Progress progress = Progress.start(check.name(), -1, progressOutput.wanted())) {
                    if (progress.shown()) {
                        progress.expect(check.expectedItems(tenant));
                    }
                    compared = check.run(tenant, repair, progress::stepBy, drift -> {
                        byKind.merge(drift.kind(), 1L, Long::sum);
                        if (listed.size() < maxListed) {
                            listed.add(drift);
                        }
                        if (!jsonOutput.requested() && (repair || byKind.values().stream().mapToLong(Long::longValue).sum() <= maxListed)) {
                            out.printf("%s %-8s %s/%s/%s: %s%n", drift.repaired() ? "repaired" : "drift   ", drift.kind(),
                                    drift.key().tenant(), drift.key().namespace(), drift.key().key(), drift.detail());
                            out.flush();
                        }
                    });
                }
                long drifted = byKind.values().stream().mapToLong(Long::longValue).sum();
                totalDrift += drifted;
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("compared", compared);
                result.put("differences", byKind);
                result.put("repaired", repair ? drifted : 0);
                result.put("listed", listed);
                results.put(check.name(), result);
                if (!jsonOutput.requested()) {
                    out.printf("%s: compared %d item(s), %d difference(s)%s%s%n", check.name(), compared, drifted,
                            byKind.isEmpty() ? "" : " " + byKind, repair && drifted > 0 ? ", all repaired (durable won)" : "");
                }
            }
            if (jsonOutput.requested()) {
                Output.json(out, Map.of("tenant", tenant == null ? "all" : tenant, "repair", repair, "checks", results));
            }
            out.flush();
            return totalDrift == 0 || repair ? ExitCode.OK.code() : ExitCode.FINDINGS.code();
        }
    }
}

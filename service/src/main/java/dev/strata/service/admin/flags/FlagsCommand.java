package dev.strata.service.admin.flags;

import dev.strata.service.admin.JsonOutput;
import dev.strata.service.admin.AdminFailure;
import dev.strata.service.admin.ContextOptions;
import dev.strata.service.admin.ExitCode;
import dev.strata.service.admin.Output;
import dev.strata.service.admin.StoreContext;
import dev.strata.service.flags.Feature;
import dev.strata.service.flags.FeatureFlagProperties;
import dev.strata.service.flags.FeatureFlagRepository;
import dev.strata.service.flags.FeatureFlags;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code admin flags <tenant> [--set feature=on|off]… [--reset feature]…}: shows or changes a tenant's
 * feature switches in PostgreSQL. Running servers apply the change within strata.features.cache-ttl-ms.
 */
@Command(name = "flags", mixinStandardHelpOptions = true,
        description = "Show or change a tenant's feature switches (" + "sessions, long-term-memory, learned-placement).")
public class FlagsCommand implements Callable<Integer> {

    @Mixin
    ContextOptions context;

    @Parameters(index = "0", paramLabel = "tenant", description = "Tenant id.")
    String tenant;

    @Option(names = "--set", paramLabel = "feature=on|off", description = "Switch a feature on or off for the tenant.")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--reset", paramLabel = "feature", description = "Forget the tenant's switch: the configured default applies.")
    List<String> reset = List.of();

    @Mixin
    JsonOutput jsonOutput;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<Feature, Boolean> changes = parseChanges();
        try (StoreContext stores = StoreContext.open(context)) {
            FeatureFlagRepository repository = new FeatureFlagRepository(stores.jdbc());
            if (!repository.tenantExists(tenant)) {
                throw new AdminFailure(ExitCode.BAD_INPUT, "No tenant " + tenant + ".");
            }
            FeatureFlags flags = new FeatureFlags(repository, stores.bean(FeatureFlagProperties.class));
            if (!changes.isEmpty()) {
                flags.update(tenant, changes);
            }
            Map<Feature, Boolean> explicit = flags.overrides(tenant);
            PrintWriter out = spec.commandLine().getOut();
            if (jsonOutput.requested()) {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("tenantId", tenant);
                Map<String, Boolean> effective = new LinkedHashMap<>();
                flags.effective(tenant).forEach((f, on) -> effective.put(f.flagName(), on));
                answer.put("flags", effective);
                Map<String, Boolean> explicitByName = new LinkedHashMap<>();
                explicit.forEach((f, on) -> explicitByName.put(f.flagName(), on));
                answer.put("explicit", explicitByName);
                Output.json(out, answer);
            } else {
                out.println("Feature flags of tenant " + tenant + ":");
                flags.effective(tenant).forEach((feature, on) -> out.printf("  %-18s %-3s (%s)%n", feature.flagName(), on ? "on" : "off",
                        explicit.containsKey(feature) ? "set for this tenant" : "default"));
                if (!changes.isEmpty()) {
                    out.println("Running servers apply the change within strata.features.cache-ttl-ms.");
                }
                out.flush();
            }
            return ExitCode.OK.code();
        }
    }

    private Map<Feature, Boolean> parseChanges() {
        Map<Feature, Boolean> changes = new EnumMap<>(Feature.class);
        set.forEach((name, state) -> changes.put(feature(name), switch (state.toLowerCase()) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw new AdminFailure(ExitCode.USAGE, "--set " + name + "=" + state + ": use on or off.");
        }));
        reset.forEach(name -> changes.put(feature(name), null));
        return changes;
    }

    private static Feature feature(String name) {
        return Feature.byName(name).orElseThrow(() -> new AdminFailure(ExitCode.USAGE,
                "Unknown feature '" + name + "'; features: " + Feature.names() + "."));
    }
}

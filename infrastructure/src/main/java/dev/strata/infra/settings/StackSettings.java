package dev.strata.infra.settings;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The whole stack configuration, read and validated once before any resource is declared. */
public record StackSettings(Environment environment, String region, NetworkSettings network, FleetSettings fleet,
                            DatabaseSettings database, CacheSettings cache, EdgeSettings edge,
                            ArtifactPaths artifacts, StackSecrets secrets) {
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d");

    /**
     * @param strata       the {@code strata:} namespace
     * @param aws          the {@code aws:} namespace (region)
     * @param projectRoot  the directory holding {@code Pulumi.yaml}, against which artefact paths resolve
     */
    public static StackSettings read(ConfigValues strata, ConfigValues aws, Path projectRoot) {
        Environment environment = Environment.parse(strata.fullKey("environment"),
                strata.required("environment", "one of dev|staging|prod"));
        String region = aws.text("region", "", REGION, "must be an AWS region such as eu-west-1");
        return new StackSettings(environment, region,
                NetworkSettings.read(strata, environment),
                FleetSettings.read(strata, environment),
                DatabaseSettings.read(strata, environment),
                CacheSettings.read(strata, environment),
                EdgeSettings.read(strata, environment),
                ArtifactPaths.read(strata, projectRoot),
                StackSecrets.read(strata));
    }

    /** Tags every resource carries through the provider's default tags. */
    public Map<String, String> defaultTags() {
        // Sorted: provider inputs reach the engine as JSON text, so key order must be stable.
        return new TreeMap<>(Map.of(
                "strata:project", "strata",
                "strata:environment", environment.id(),
                "strata:managed-by", "pulumi"));
    }

    /** Prefix for AWS-side names; short because ALB and target group names are capped at 32 characters. */
    public String namePrefix() {
        return "strata-" + environment.id();
    }
}

package dev.strata.infra.plan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The example stacks shipped at the repository root ({@code Pulumi.dev.yaml}, {@code Pulumi.prod.yaml}),
 * run once per JVM with stand-in artefacts and shared by all tests (a run takes a few seconds).
 */
public final class ShippedStacks {
    private static final Map<String, RecordedStack> RUNS = new ConcurrentHashMap<>();

    private ShippedStacks() {
    }

    public static RecordedStack dev() {
        return RUNS.computeIfAbsent("dev", ShippedStacks::runShipped);
    }

    public static RecordedStack prod() {
        return RUNS.computeIfAbsent("prod", ShippedStacks::runShipped);
    }

    /** The shipped config of {@code stack} with stand-in artefacts and placeholder secrets. */
    public static Map<String, String> config(String stack) {
        Map<String, String> config = new HashMap<>(StackConfigFile.read(repositoryRoot().resolve("Pulumi." + stack + ".yaml")));
        config.putAll(StandInArtifacts.create(standInRoot()));
        return config;
    }

    public static Path standInRoot() {
        return Path.of("target", "stand-ins").toAbsolutePath();
    }

    /** The directory holding {@code Pulumi.yaml}, found upwards from the working directory. */
    public static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("Pulumi.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no Pulumi.yaml above " + Path.of("").toAbsolutePath());
    }

    private static RecordedStack runShipped(String stack) {
        RecordedStack run = StackRun.run(stack, config(stack));
        if (!run.errors().isEmpty()) {
            throw new AssertionError("the shipped " + stack + " stack failed under mocks: " + run.errors());
        }
        return run;
    }
}

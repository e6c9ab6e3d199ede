package dev.strata.infra.settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Files the program uploads to the artefact bucket. Read from disk at {@code pulumi up} time, so a
 * missing build output fails the deployment up front instead of booting hosts that cannot start.
 * Relative paths are resolved against the directory holding {@code Pulumi.yaml}.
 */
public record ArtifactPaths(Path serviceJar, Path fixesJar, Path consoleDir, Path monitoringDir) {
    /** The monitoring host is provisioned from these sub-directories of {@link #monitoringDir}. */
    public static final List<String> MONITORING_PARTS = List.of("prometheus", "alertmanager", "grafana", "blackbox");

    static ArtifactPaths read(ConfigValues config, Path projectRoot) {
        Path serviceJar = file(config, projectRoot, "serviceJarPath", "service/target/strata-service-exec.jar",
                "build it with ./mvnw -B -pl service -am package");
        Path fixesJar = file(config, projectRoot, "fixesJarPath", "deployment-fixes/target/deployment-fixes.jar",
                "build it with ./mvnw -B -pl deployment-fixes package");
        Path console = directory(config, projectRoot, "consoleDir", "service/src/main/resources/static");
        Path monitoring = directory(config, projectRoot, "monitoringDir", "monitoring");
        for (String part : MONITORING_PARTS) {
            Path partDir = monitoring.resolve(part);
            if (!Files.isDirectory(partDir) || isEmpty(partDir)) {
                throw new InvalidStackConfigException(config.fullKey("monitoringDir"), monitoring.toString(),
                        "has no files under " + part + "/ (the monitoring host is provisioned from them)");
            }
        }
        return new ArtifactPaths(serviceJar, fixesJar, console, monitoring);
    }

    private static Path file(ConfigValues config, Path root, String key, String defaultPath, String hint) {
        Path path = root.resolve(config.optional(key).orElse(defaultPath)).normalize();
        if (!Files.isRegularFile(path)) {
            throw new InvalidStackConfigException(config.fullKey(key), path.toString(), "does not exist: " + hint);
        }
        return path;
    }

    private static Path directory(ConfigValues config, Path root, String key, String defaultPath) {
        Path path = root.resolve(config.optional(key).orElse(defaultPath)).normalize();
        if (!Files.isDirectory(path) || isEmpty(path)) {
            throw new InvalidStackConfigException(config.fullKey(key), path.toString(),
                    "is not a directory with files in it");
        }
        return path;
    }

    private static boolean isEmpty(Path directory) {
        try (var entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        } catch (java.io.IOException unreadable) {
            return true;
        }
    }
}

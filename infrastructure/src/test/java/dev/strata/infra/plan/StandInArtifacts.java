package dev.strata.infra.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Small placeholder files in place of the build outputs and monitoring files, so a plan or a test
 * never depends on other modules having been built. The plan records paths, not contents.
 */
public final class StandInArtifacts {
    static final Map<String, String> FILES = Map.of(
            "service/strata-service-exec.jar", "stand-in for the service jar",
            "deployment-fixes/deployment-fixes.jar", "stand-in for the deployment-fixes jar",
            "console/index.html", "<!doctype html><title>Strata</title>",
            "console/assets/console.js", "console.log('stand-in');",
            "monitoring/prometheus/prometheus.yml", "global: {}",
            "monitoring/alertmanager/alertmanager.yml", "route: {receiver: none}",
            "monitoring/grafana/provisioning/datasources/prometheus.yml", "apiVersion: 1",
            "monitoring/blackbox/blackbox.yml", "modules: {}");

    private StandInArtifacts() {
    }

    /** Writes the files under {@code root} and returns the stack config keys pointing at them. */
    public static Map<String, String> create(Path root) {
        try {
            for (var file : FILES.entrySet()) {
                Path path = root.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
        } catch (IOException cannotWrite) {
            throw new UncheckedIOException(cannotWrite);
        }
        return Map.of(
                "strata:serviceJarPath", root.resolve("service/strata-service-exec.jar").toString(),
                "strata:fixesJarPath", root.resolve("deployment-fixes/deployment-fixes.jar").toString(),
                "strata:consoleDir", root.resolve("console").toString(),
                "strata:monitoringDir", root.resolve("monitoring").toString());
    }
}

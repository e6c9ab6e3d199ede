package dev.strata.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the checked-in monitoring files live. Maven passes the module directory as
 * {@code strata.monitoring.dir}; running a test from an IDE in the module directory works too.
 */
public final class MonitoringFiles {

    private MonitoringFiles() {
    }

    public static Path moduleDir() {
        return Path.of(System.getProperty("strata.monitoring.dir", ".")).toAbsolutePath().normalize();
    }

    public static Path repositoryDir() {
        return Path.of(System.getProperty("strata.repository.dir", "..")).toAbsolutePath().normalize();
    }

    public static Path prometheusDir() {
        return moduleDir().resolve("prometheus");
    }

    public static Path rulesDir() {
        return prometheusDir().resolve("rules");
    }

    public static Path ruleTestsDir() {
        return prometheusDir().resolve("tests");
    }

    public static Path alertmanagerConfig() {
        return moduleDir().resolve("alertmanager/alertmanager.yml");
    }

    public static Path grafanaDir() {
        return moduleDir().resolve("grafana");
    }

    public static Path dashboardsDir() {
        return grafanaDir().resolve("dashboards");
    }

    /** Every rule file Prometheus loads ({@code rules/*.yml}), sorted. */
    public static List<Path> ruleFiles() {
        return list(rulesDir(), ".yml");
    }

    /** Every promtool unit-test file, sorted. */
    public static List<Path> ruleTestFiles() {
        return list(ruleTestsDir(), ".test.yml");
    }

    public static List<Path> dashboards() {
        return list(dashboardsDir(), ".json");
    }

    private static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}

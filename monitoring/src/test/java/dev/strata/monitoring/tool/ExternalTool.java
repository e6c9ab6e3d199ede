package dev.strata.monitoring.tool;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A Debian-packaged binary the tests run for real (promtool, amtool, prometheus). Locally a missing
 * tool skips the test with the package to install; under CI=true it fails, because a skipped
 * check in CI would be a silent hole.
 */
public enum ExternalTool {
    PROMTOOL("promtool", "prometheus"),
    PROMETHEUS("prometheus", "prometheus"),
    AMTOOL("amtool", "prometheus-alertmanager");

    private final String command;
    private final String debianPackage;

    ExternalTool(String command, String debianPackage) {
        this.command = command;
        this.debianPackage = debianPackage;
    }

    /** The tool's path; skips (locally) or fails (CI) the calling test when it is not installed. */
    public Path require() {
        Optional<Path> found = find();
        if (found.isPresent()) {
            return found.get();
        }
        String message = command + " not found on PATH or in /usr/bin: apt-get install " + debianPackage;
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    private Optional<Path> find() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Stream.of(path.split(":")), Stream.of("/usr/bin", "/usr/local/bin"))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable)
                .findFirst();
    }
}

package dev.strata.infra.host;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real host tools (bash, systemd-analyze, nginx) over rendered host files. A missing tool
 * skips the test on a workstation but fails it under CI=true, so CI never silently skips a check.
 */
public final class HostTools {
    private HostTools() {
    }

    public record Result(int exitCode, String output) {
    }

    public static void require(String tool, Path... candidates) {
        boolean found = List.of(candidates).stream().anyMatch(Files::isExecutable);
        if (!found && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(tool + " is required under CI=true but not installed");
        }
        Assumptions.assumeTrue(found, tool + " is not installed (set CI=true to make this a failure)");
    }

    public static Result run(Path workDir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 60 s");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** An executable that does nothing, standing in for a binary that only exists on the real host. */
    public static Path stub(Path dir, String name) throws IOException {
        Path stub = dir.resolve(name);
        Files.writeString(stub, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        return stub;
    }

    /**
     * Writes each unit with host-only executables replaced by stubs and runs systemd-analyze verify,
     * which checks every directive and the ordering between the units.
     */
    public static Result verifyUnits(Path dir, Map<String, String> units, List<String> hostOnlyExecutables)
            throws IOException, InterruptedException {
        require("systemd-analyze", Path.of("/usr/bin/systemd-analyze"), Path.of("/bin/systemd-analyze"));
        String[] command = new String[units.size() + 3];
        command[0] = "systemd-analyze";
        command[1] = "verify";
        command[2] = "--man=no";
        int index = 3;
        for (var unit : units.entrySet()) {
            String text = unit.getValue();
            for (String executable : hostOnlyExecutables) {
                text = text.replace(executable, stub(dir, Path.of(executable).getFileName().toString()).toString());
            }
            Files.writeString(dir.resolve(unit.getKey()), text);
            command[index++] = dir.resolve(unit.getKey()).toString();
        }
        return run(dir, command);
    }
}

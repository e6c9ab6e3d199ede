package dev.strata.fixes.backend;

import dev.strata.fixes.system.CommandRunner;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** `systemd-analyze verify`: works offline, without systemd as PID 1. */
public final class UnitVerifier {

    private final CommandRunner commands;
    private final Optional<Path> binary;

    public UnitVerifier(CommandRunner commands, String analyze) {
        this.commands = commands;
        this.binary = locate(analyze);
    }

    /** {@code nameOrPath} as given when it contains a slash, else the first match on PATH. */
    public static Optional<Path> locate(String nameOrPath) {
        if (nameOrPath.contains("/")) {
            return Optional.of(Path.of(nameOrPath)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Arrays.stream(path.split(File.pathSeparator)).map(dir -> Path.of(dir, nameOrPath)).filter(Files::isExecutable).findFirst();
    }

    public boolean isAvailable() {
        return binary.isPresent();
    }

    /** Empty when the unit verifies (or systemd-analyze is not installed); otherwise the first complaint. */
    public Optional<String> problems(Path unit) {
        if (binary.isEmpty()) {
            return Optional.empty();
        }
        var result = commands.run(List.of(binary.get().toString(), "verify", unit.toString()));
        if (result.succeeded()) {
            return Optional.empty();
        }
        return Optional.of(result.output().lines().filter(l -> !l.isBlank()).findFirst().orElse("exit " + result.exitCode()));
    }
}

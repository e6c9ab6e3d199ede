package dev.strata.fixes.backend;

import dev.strata.fixes.system.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** `systemd-analyze verify`: works offline, without systemd as PID 1. */
public final class UnitVerifier {

    private static final List<Path> LOCATIONS = List.of(Path.of("/usr/bin/systemd-analyze"), Path.of("/bin/systemd-analyze"));

    private final CommandRunner commands;

    public UnitVerifier(CommandRunner commands) {
        this.commands = commands;
    }

    public static Optional<Path> binary() {
        return LOCATIONS.stream().filter(Files::isExecutable).findFirst();
    }

    /** Empty when the unit verifies; otherwise the complaints (or why it could not be verified). */
    public Optional<String> problems(Path unit) {
        Optional<Path> binary = binary();
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

package dev.strata.monitoring.tool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One finished run of an external tool: its exit code and its merged stdout/stderr. */
public record ToolRun(List<String> command, int exitCode, String output) {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    /** Runs {@code tool args...} in {@code workingDir} and waits for it (at most two minutes). */
    public static ToolRun of(ExternalTool tool, Path workingDir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(tool.require().toString());
        command.addAll(List.of(args));
        try {
            // Output goes to a file, not a pipe: a full pipe would block the tool, and reading it
            // would block us past the timeout.
            Path log = Files.createTempFile("tool-run", ".log");
            try {
                Process process = new ProcessBuilder(command)
                        .directory(workingDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                        .start();
                if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(command + " did not finish within " + TIMEOUT);
                }
                return new ToolRun(command, process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** Failure text for assertions: the command and everything it printed. */
    public String describe() {
        return String.join(" ", command) + " exited " + exitCode + ":\n" + output;
    }
}

package dev.strata.fixes.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What /proc says about a pid. Used to identify a process positively (by its command line)
 * before the CLI signals it or trusts its environment: a pid file alone can be stale.
 */
public record ProcessInfo(long pid, String commandLine) {

    public static Optional<ProcessInfo> of(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            String cmd = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
            return cmd.isEmpty() ? Optional.empty() : Optional.of(new ProcessInfo(pid, cmd));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The pid written in {@code pidFile}, if the file holds a number and that process exists. */
    public static Optional<ProcessInfo> fromPidFile(Path pidFile) {
        try {
            String text = Files.readString(pidFile).strip();
            return of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The executable's short name from /proc/<pid>/comm (at most 15 characters). */
    public String name() {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip();
        } catch (IOException e) {
            return "";
        }
    }

    public boolean matches(String expected) {
        return commandLine.contains(expected);
    }

    /** The short form used in evidence lines; never the environment, which may hold secrets. */
    public String describe() {
        String cmd = commandLine.length() > 80 ? commandLine.substring(0, 77) + "..." : commandLine;
        return "pid " + pid + " (" + cmd + ")";
    }
}

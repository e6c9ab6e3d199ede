package dev.strata.fixes.nginx;

import dev.strata.fixes.config.FixConfig;
import dev.strata.fixes.system.CommandRunner;
import dev.strata.fixes.system.ProcessInfo;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The nginx binary and its files as configured: config test, master process, error log. */
public final class NginxControl {

    private static final String MASTER_TITLE = "nginx: master process";
    private static final int ERROR_LOG_TAIL_BYTES = 64 * 1024;

    private final FixConfig config;
    private final CommandRunner commands;

    public NginxControl(FixConfig config, CommandRunner commands) {
        this.config = config;
        this.commands = commands;
    }

    /** {@code nginx -t} against the configured main file: the same test nginx runs before a reload. */
    public CommandRunner.Result testConfig() {
        List<String> command = new ArrayList<>(List.of(config.get("nginx.binary")));
        config.optional("nginx.prefix").ifPresent(prefix -> command.addAll(List.of("-p", prefix)));
        command.addAll(List.of("-c", config.get("nginx.conf"), "-t", "-q"));
        return commands.run(command);
    }

    /** The first [emerg] line of a failed test, which names the file and line nginx rejects. */
    public static Optional<String> emergLine(String testOutput) {
        return testOutput.lines().filter(l -> l.contains("[emerg]")).findFirst();
    }

    /** The master process from the pid file, only if its command line is an nginx master. */
    public Optional<ProcessInfo> master() {
        return ProcessInfo.fromPidFile(config.path("nginx.pid-file")).filter(p -> p.matches(MASTER_TITLE));
    }

    public String service() {
        return config.get("nginx.service");
    }

    public Path site() {
        return config.path("nginx.site");
    }

    /** The last lines of the error log that contain {@code needle}, newest last. */
    public List<String> errorLogLines(String needle, int max) {
        Path log = config.path("nginx.error-log");
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(0, file.length() - ERROR_LOG_TAIL_BYTES);
            byte[] tail = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(tail);
            List<String> matching = Arrays.stream(new String(tail, StandardCharsets.UTF_8).split("\n"))
                    .filter(l -> l.contains(needle)).toList();
            return matching.subList(Math.max(0, matching.size() - max), matching.size());
        } catch (IOException e) {
            return List.of();
        }
    }

    public boolean errorLogReadable() {
        return Files.isReadable(config.path("nginx.error-log"));
    }
}

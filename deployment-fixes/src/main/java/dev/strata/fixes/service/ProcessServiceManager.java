package dev.strata.fixes.service;

import dev.strata.fixes.config.ConfigException;
import dev.strata.fixes.config.FixConfig;
import dev.strata.fixes.env.EnvFile;
import dev.strata.fixes.system.CommandRunner;
import dev.strata.fixes.system.ProcessInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Manages services as plain processes where systemd is not PID 1. Each service is described by
 * {@code process.<name>.*} settings: {@code start} (command, split on spaces), {@code pid-file},
 * {@code match} (text the command line must contain: the positive identification), optional
 * {@code environment-file} (loaded into the environment like systemd's EnvironmentFile=),
 * {@code log}, and {@code daemon=true} when the program forks and writes its own pid file (nginx).
 */
public final class ProcessServiceManager implements ServiceManager {

    private static final long STOP_WAIT_MS = 10_000;

    private final FixConfig config;
    private final CommandRunner commands;

    public ProcessServiceManager(FixConfig config, CommandRunner commands) {
        this.config = config;
        this.commands = commands;
    }

    @Override
    public Status status(String service) {
        Definition def = definition(service);
        Optional<ProcessInfo> process = identified(def);
        if (process.isPresent()) {
            return new Status(State.ACTIVE, process, service + " running as pid " + process.get().pid());
        }
        String why = Files.exists(def.pidFile) ? "pid file " + def.pidFile + " is stale" : "no pid file " + def.pidFile;
        return new Status(State.INACTIVE, Optional.empty(), service + " not running (" + why + ")");
    }

    @Override
    public void start(String service) throws ServiceException {
        Definition def = definition(service);
        if (identified(def).isPresent()) {
            return;
        }
        try {
            ProcessBuilder builder = new ProcessBuilder(def.command);
            if (def.environmentFile != null) {
                builder.environment().putAll(EnvFile.read(def.environmentFile).values());
            }
            Path log = def.log != null ? def.log : Path.of("/dev/null");
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process process = builder.start();
            if (def.daemon) {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new ServiceException("starting " + service + " failed (exit " + exitOf(process) + "), see " + log);
                }
            } else {
                Files.writeString(def.pidFile, process.pid() + "\n");
            }
        } catch (IOException e) {
            throw new ServiceException("starting " + service + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException("interrupted while starting " + service);
        }
    }

    @Override
    public void reload(String service) throws ServiceException {
        ProcessInfo process = identified(definition(service))
                .orElseThrow(() -> new ServiceException("cannot reload " + service + ": it is not running"));
        CommandRunner.Result result = commands.run(List.of("kill", "-HUP", Long.toString(process.pid())));
        if (!result.succeeded()) {
            throw new ServiceException("reloading " + service + " failed: " + result.output());
        }
    }

    @Override
    public void restart(String service) throws ServiceException {
        Definition def = definition(service);
        Optional<ProcessInfo> process = identified(def);
        if (process.isPresent()) {
            ProcessHandle handle = ProcessHandle.of(process.get().pid()).orElse(null);
            if (handle != null) {
                handle.destroy();
                long deadline = System.currentTimeMillis() + STOP_WAIT_MS;
                while (handle.isAlive() && System.currentTimeMillis() < deadline) {
                    sleep(100);
                }
                if (handle.isAlive()) {
                    throw new ServiceException(service + " (pid " + process.get().pid() + ") did not stop within 10s");
                }
            }
        }
        start(service);
    }

    /** The process in the pid file, only if its command line matches: a stale pid is never trusted. */
    private static Optional<ProcessInfo> identified(Definition def) {
        return ProcessInfo.fromPidFile(def.pidFile).filter(p -> p.matches(def.match));
    }

    private Definition definition(String service) {
        Map<String, String> s = config.withPrefix("process." + service + ".");
        for (String key : List.of("start", "pid-file", "match")) {
            if (s.getOrDefault(key, "").isBlank()) {
                throw new ConfigException("process." + service + "." + key, "(unset)", "a value when service.manager=process");
            }
        }
        return new Definition(Arrays.asList(s.get("start").trim().split("\\s+")), Path.of(s.get("pid-file")), s.get("match"),
                s.containsKey("environment-file") ? Path.of(s.get("environment-file")) : null,
                s.containsKey("log") ? Path.of(s.get("log")) : null, Boolean.parseBoolean(s.getOrDefault("daemon", "false")));
    }

    private record Definition(List<String> command, Path pidFile, String match, Path environmentFile, Path log, boolean daemon) {
    }

    private static String exitOf(Process process) {
        return process.isAlive() ? "still running" : Integer.toString(process.exitValue());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

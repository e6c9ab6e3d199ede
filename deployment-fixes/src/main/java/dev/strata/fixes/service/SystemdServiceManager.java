package dev.strata.fixes.service;

import dev.strata.fixes.system.CommandRunner;
import dev.strata.fixes.system.ProcessInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** systemctl on hosts where systemd is PID 1. */
public final class SystemdServiceManager implements ServiceManager {

    private final CommandRunner commands;
    private final String systemctl;

    public SystemdServiceManager(CommandRunner commands, String systemctl) {
        this.commands = commands;
        this.systemctl = systemctl;
    }

    @Override
    public Status status(String service) {
        CommandRunner.Result result = commands.run(List.of(systemctl, "show", "--property=ActiveState,MainPID,LoadState", unit(service)));
        if (!result.succeeded()) {
            return new Status(State.UNKNOWN, Optional.empty(), unit(service) + " state unknown, systemctl show failed: "
                    + firstLine(result.output()));
        }
        Map<String, String> props = new HashMap<>();
        result.output().lines().forEach(line -> {
            int eq = line.indexOf('=');
            if (eq > 0) {
                props.put(line.substring(0, eq), line.substring(eq + 1));
            }
        });
        String active = props.getOrDefault("ActiveState", "unknown");
        long pid = Long.parseLong(props.getOrDefault("MainPID", "0"));
        Optional<ProcessInfo> main = pid > 0 ? ProcessInfo.of(pid) : Optional.empty();
        State state = switch (active) {
            case "active", "reloading", "activating" -> State.ACTIVE;
            case "failed" -> State.FAILED;
            case "inactive", "deactivating" -> State.INACTIVE;
            default -> State.UNKNOWN;
        };
        return new Status(state, main, unit(service) + " " + active + " (load " + props.getOrDefault("LoadState", "?") + ")");
    }

    @Override
    public void start(String service) throws ServiceException {
        systemctl("start", service);
    }

    @Override
    public void reload(String service) throws ServiceException {
        systemctl("reload", service);
    }

    @Override
    public void restart(String service) throws ServiceException {
        systemctl("restart", service);
    }

    @Override
    public void reloadUnits() throws ServiceException {
        CommandRunner.Result result = commands.run(List.of(systemctl, "daemon-reload"));
        if (!result.succeeded()) {
            throw new ServiceException("systemctl daemon-reload failed: " + firstLine(result.output()));
        }
    }

    private void systemctl(String verb, String service) throws ServiceException {
        CommandRunner.Result result = commands.run(List.of(systemctl, verb, unit(service)));
        if (!result.succeeded()) {
            throw new ServiceException("systemctl " + verb + " " + unit(service) + " failed: " + firstLine(result.output()));
        }
    }

    private static String unit(String service) {
        return service.endsWith(".service") ? service : service + ".service";
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("(no output)");
    }
}

package dev.strata.fixes.nginx;

import dev.strata.fixes.HostContext;
import dev.strata.fixes.check.Area;
import dev.strata.fixes.check.Check;
import dev.strata.fixes.check.Finding;
import dev.strata.fixes.check.Status;
import dev.strata.fixes.repair.RepairException;
import dev.strata.fixes.repair.StartService;
import dev.strata.fixes.system.ListeningSockets;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Is an nginx master running? Identified by pid file and command line, never by port alone. */
public final class NginxProcessCheck implements Check {

    private final HostContext host;

    public NginxProcessCheck(HostContext host) {
        this.host = host;
    }

    @Override
    public String name() {
        return "nginx.process";
    }

    @Override
    public Area area() {
        return Area.NGINX;
    }

    @Override
    public Finding run() {
        var master = host.nginx().master();
        if (master.isPresent()) {
            return Finding.ok(name(), area(), "nginx master " + master.get().describe(), List.of());
        }
        List<String> evidence = new ArrayList<>();
        var pidFile = host.config().path("nginx.pid-file");
        evidence.add(Files.exists(pidFile) ? "pid file " + pidFile + " names no nginx master (stale)" : "no pid file " + pidFile);
        int port = URI.create(host.config().get("nginx.url")).getPort();
        var listeners = ListeningSockets.on(port);
        evidence.add(listeners.isEmpty() ? "nothing listens on port " + port
                : "port " + port + " is held by " + listeners.get(0).describe());
        evidence.add("service " + host.services().status(host.nginx().service()).detail());
        host.nginx().errorLogLines("[emerg]", 1).forEach(line -> evidence.add("error log: " + line));
        if (!listeners.isEmpty()) {
            return Finding.manual(name(), area(), Status.CRITICAL, "nginx-not-running", "nginx is not running and its port is taken",
                    evidence, "another process holds port " + port, "identify and stop that process yourself; strata-fix never kills an unidentified process");
        }
        return Finding.problem(name(), area(), Status.CRITICAL, "nginx-not-running", "nginx is not running", evidence,
                "the nginx master exited or was never started", new StartService(host.services(), host.nginx().service(),
                        this::requireValidConfig, Duration.ofSeconds(10)));
    }

    private void requireValidConfig() throws RepairException {
        var test = host.nginx().testConfig();
        if (!test.succeeded()) {
            throw new RepairException("not starting nginx: nginx -t fails ("
                    + NginxControl.emergLine(test.output()).orElse("?") + "); repair nginx-config-invalid first");
        }
    }
}

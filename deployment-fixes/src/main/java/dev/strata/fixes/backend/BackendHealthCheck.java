package dev.strata.fixes.backend;

import dev.strata.fixes.HostContext;
import dev.strata.fixes.check.Area;
import dev.strata.fixes.check.Check;
import dev.strata.fixes.check.Finding;
import dev.strata.fixes.check.Status;
import dev.strata.fixes.repair.StartService;
import dev.strata.fixes.system.ListeningSockets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Liveness and readiness of the memory server. A backend that is alive but not ready because a
 * dependency is down is reported, never restarted: it reconnects by itself and a restart would
 * only turn a partial outage into a full one.
 */
public final class BackendHealthCheck implements Check {

    private final HostContext host;

    public BackendHealthCheck(HostContext host) {
        this.host = host;
    }

    @Override
    public String name() {
        return "backend.health";
    }

    @Override
    public Area area() {
        return Area.BACKEND;
    }

    @Override
    public Finding run() {
        String base = host.config().get("backend.url");
        var liveness = host.http().get(base + host.config().get("backend.liveness-path"));
        if (!liveness.answered()) {
            return down(base, liveness);
        }
        var readinessResponse = host.http().get(base + host.config().get("backend.readiness-path"));
        Readiness readiness = Readiness.parse(readinessResponse);
        if (readiness.isUp()) {
            return Finding.ok(name(), area(), "backend live and ready (" + readiness.components() + ")", List.of());
        }
        List<String> evidence = List.of("GET " + base + host.config().get("backend.liveness-path") + ": " + liveness.describe(),
                "GET " + base + host.config().get("backend.readiness-path") + ": " + readinessResponse.describe() + " " + readiness.status()
                        + " components " + readiness.components());
        if (liveness.status() == 404) {
            return Finding.manual(name(), area(), Status.CRITICAL, "backend-port-foreign", "port answers but is not the Strata server",
                    evidence, "another HTTP server holds the backend port", "see host.ports; strata-fix never kills an unidentified process");
        }
        var downComponents = readiness.components().entrySet().stream().filter(e -> !e.getValue().equals("UP")).map(e -> e.getKey()).toList();
        return Finding.manual(name(), area(), Status.WARNING, "backend-not-ready", "backend is alive but not ready: " + downComponents + " DOWN",
                evidence, "a dependency is unavailable (see deps.postgres / deps.redis)",
                "repair the dependency; the backend stays running and becomes ready by itself (no restart)");
    }

    private Finding down(String base, dev.strata.fixes.system.HttpProbe.Response liveness) {
        int port = host.config().integer("backend.port");
        String service = host.config().get("backend.service");
        var status = host.services().status(service);
        List<String> evidence = new ArrayList<>();
        evidence.add("GET " + base + host.config().get("backend.liveness-path") + ": " + liveness.describe());
        var listeners = ListeningSockets.on(port);
        evidence.add(listeners.isEmpty() ? "nothing listens on port " + port : "port " + port + " is held by " + listeners.get(0).describe());
        evidence.add("service " + status.detail());
        var viaNginx = host.http().get(host.config().get("nginx.url") + host.config().get("backend.readiness-path"));
        evidence.add("GET " + host.config().get("nginx.url") + host.config().get("backend.readiness-path") + ": " + viaNginx.describe());
        host.nginx().errorLogLines("connect() failed", 1).forEach(l -> evidence.add("error log: " + l));
        if (status.isActive() || !listeners.isEmpty()) {
            return Finding.manual(name(), area(), Status.CRITICAL, "backend-not-answering",
                    "backend process exists but does not answer health checks", evidence,
                    "the server is starting, hung, or another process holds the port",
                    "wait for start-up, then read the service log (journalctl -u " + service + ")");
        }
        String summary = viaNginx.status() == 502 ? "backend is down: nginx answers 502" : "backend is down";
        return Finding.problem(name(), area(), Status.CRITICAL, "backend-down", summary, evidence,
                "service " + service + " is not running and nothing listens on " + port,
                new StartService(host.services(), service, () -> { }, Duration.ofSeconds(host.config().integer("backend.start-timeout-seconds"))));
    }
}

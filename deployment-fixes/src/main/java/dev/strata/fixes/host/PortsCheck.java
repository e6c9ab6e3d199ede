package dev.strata.fixes.host;

import dev.strata.fixes.HostContext;
import dev.strata.fixes.check.Area;
import dev.strata.fixes.check.Check;
import dev.strata.fixes.check.Finding;
import dev.strata.fixes.check.Status;
import dev.strata.fixes.system.ListeningSockets;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Each of our ports is either free (the owning check reports the service down) or held by the
 * process we expect. A port held by anything else is reported with its pid and command line and
 * never touched: the tool does not kill a process it has not positively identified.
 */
public final class PortsCheck implements Check {

    private final HostContext host;

    public PortsCheck(HostContext host) {
        this.host = host;
    }

    @Override
    public String name() {
        return "host.ports";
    }

    @Override
    public Area area() {
        return Area.HOST;
    }

    @Override
    public Finding run() {
        Map<Integer, String> expected = Map.of(
                host.config().integer("backend.port"), host.config().get("backend.process-match"),
                URI.create(host.config().get("nginx.url")).getPort(), "nginx",
                host.config().integer("nginx.status-port"), "nginx");
        List<String> foreign = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        expected.forEach((port, match) -> {
            for (var listener : ListeningSockets.on(port)) {
                boolean ours = listener.owner().map(o -> o.matches(match)).orElse(true);
                (ours ? seen : foreign).add(listener.describe() + (ours ? "" : " (expected a process matching '" + match + "')"));
            }
        });
        if (foreign.isEmpty()) {
            return Finding.ok(name(), area(), "no foreign process on ports " + expected.keySet(), seen);
        }
        return Finding.manual(name(), area(), Status.CRITICAL, "host-port-conflict", "a foreign process holds a Strata port", foreign,
                "another program was started on a port the host layout reserves",
                "stop that program yourself after checking what it is; strata-fix never kills an unidentified process");
    }
}

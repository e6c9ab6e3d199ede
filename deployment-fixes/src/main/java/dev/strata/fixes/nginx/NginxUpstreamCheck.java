package dev.strata.fixes.nginx;

import dev.strata.fixes.HostContext;
import dev.strata.fixes.check.Area;
import dev.strata.fixes.check.Check;
import dev.strata.fixes.check.Finding;
import dev.strata.fixes.check.Status;
import dev.strata.fixes.repair.FileChange;
import dev.strata.fixes.repair.FollowUp;
import dev.strata.fixes.repair.Repair;
import dev.strata.fixes.repair.RepairException;
import dev.strata.fixes.service.ServiceException;
import dev.strata.fixes.system.ListeningSockets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Does the site proxy the API to the port the backend listens on? */
public final class NginxUpstreamCheck implements Check {

    private final HostContext host;

    public NginxUpstreamCheck(HostContext host) {
        this.host = host;
    }

    @Override
    public String name() {
        return "nginx.upstream";
    }

    @Override
    public Area area() {
        return Area.NGINX;
    }

    @Override
    public Finding run() {
        NginxSite site;
        try {
            site = NginxSite.read(host.nginx().site());
        } catch (IOException e) {
            return Finding.manual(name(), area(), Status.UNKNOWN, "nginx-site-unreadable", "cannot read " + host.nginx().site(),
                    List.of(e.toString()), "the site file is missing or unreadable", "restore the site file (infrastructure writes it)");
        }
        int backendPort = host.config().integer("backend.port");
        var wrong = site.proxyTargets().stream().filter(t -> t.port() != backendPort).toList();
        if (site.proxyTargets().isEmpty()) {
            return Finding.manual(name(), area(), Status.WARNING, "nginx-upstream-missing", "the site proxies nothing to the backend",
                    List.of("no proxy_pass http://127.0.0.1:<port> in " + site.path()), "the site is not the Strata site",
                    "compare " + site.path() + " with the host layout");
        }
        if (wrong.isEmpty()) {
            return checkRunningConfig(backendPort);
        }
        List<String> evidence = new ArrayList<>();
        wrong.forEach(t -> evidence.add(site.path() + ":" + t.line() + ": " + t.text()));
        int wrongPort = wrong.get(0).port();
        var atWrong = ListeningSockets.on(wrongPort);
        evidence.add(atWrong.isEmpty() ? "nothing listens on " + wrongPort : "port " + wrongPort + " is held by " + atWrong.get(0).describe());
        var atBackend = ListeningSockets.on(backendPort);
        evidence.add(atBackend.isEmpty() ? "nothing listens on backend port " + backendPort
                : "backend port " + backendPort + " is held by " + atBackend.get(0).describe());
        host.nginx().errorLogLines("upstream: \"http://127.0.0.1:" + wrongPort, 1).forEach(l -> evidence.add("error log: " + l));
        var proxied = host.http().get(host.config().get("nginx.url") + host.config().get("backend.liveness-path"));
        evidence.add("GET " + host.config().get("nginx.url") + host.config().get("backend.liveness-path") + ": " + proxied.describe());
        return Finding.problem(name(), area(), Status.CRITICAL, "nginx-upstream-wrong-port",
                "nginx proxies to port " + wrongPort + " but the backend port is " + backendPort, evidence,
                "the site's proxy_pass names the wrong port", new FixPort(site, backendPort));
    }

    /**
     * The site file is right; is the running nginx using it? A backend that answers directly while
     * nginx answers 502 means nginx still runs an older config: the site was edited but not reloaded.
     */
    private Finding checkRunningConfig(int backendPort) {
        String liveness = host.config().get("backend.liveness-path");
        var direct = host.http().get(host.config().get("backend.url") + liveness);
        var proxied = host.http().get(host.config().get("nginx.url") + liveness);
        if (direct.status() == 200 && proxied.status() == 502 && host.nginx().master().isPresent()) {
            return Finding.problem(name(), area(), Status.CRITICAL, "nginx-not-reloaded",
                    "the site is correct but nginx answers 502 while the backend is up",
                    List.of("GET backend " + liveness + ": " + direct.describe(), "GET via nginx " + liveness + ": " + proxied.describe()),
                    "nginx runs a config loaded before the site was corrected", new FixPort(null, backendPort));
        }
        return Finding.ok(name(), area(), "site proxies to 127.0.0.1:" + backendPort, List.of());
    }

    /** Sets the port in the site (when {@code site} is given) and reloads nginx. */
    private final class FixPort implements Repair {
        private final NginxSite site;
        private final int port;

        FixPort(NginxSite site, int port) {
            this.site = site;
            this.port = port;
        }

        @Override
        public String description() {
            return site == null ? "nginx -t, reload nginx"
                    : "set proxy_pass port to " + port + " in " + site.path() + ", nginx -t, reload nginx";
        }

        @Override
        public List<FileChange> changes() {
            return site == null ? List.of() : List.of(FileChange.content(site.path(), site.withProxyPort(port), false));
        }

        @Override
        public void validate() throws RepairException {
            var test = host.nginx().testConfig();
            if (!test.succeeded()) {
                throw new RepairException("nginx -t fails after the edit: " + NginxControl.emergLine(test.output()).orElse("?"));
            }
        }

        @Override
        public void apply() throws RepairException {
            if (host.nginx().master().isEmpty()) {
                return;
            }
            try {
                host.services().reload(host.nginx().service());
            } catch (ServiceException e) {
                throw new RepairException(e.getMessage());
            }
        }

        @Override
        public FollowUp afterRestore() {
            return FollowUp.RELOAD_NGINX;
        }
    }
}

package dev.strata.fixes.nginx;

import dev.strata.fixes.HostContext;
import dev.strata.fixes.check.Area;
import dev.strata.fixes.check.Check;
import dev.strata.fixes.check.Finding;
import dev.strata.fixes.check.Status;
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
                "the site's proxy_pass names the wrong port",
                SiteEdit.write(host, "set proxy_pass port to " + backendPort + " in " + site.path(), site.withProxyPort(backendPort)));
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
                    "nginx runs a config loaded before the site was corrected", SiteEdit.reloadOnly(host));
        }
        return Finding.ok(name(), area(), "site proxies to 127.0.0.1:" + backendPort, List.of());
    }
}

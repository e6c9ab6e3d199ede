package dev.strata.fixes.nginx;

import dev.strata.fixes.HostContext;
import dev.strata.fixes.check.Area;
import dev.strata.fixes.check.Check;
import dev.strata.fixes.check.Finding;
import dev.strata.fixes.check.Status;
import dev.strata.fixes.system.ProcessInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * nginx -t. A failure while nginx runs is "latent": nginx still serves the previous config, and the
 * next reload or restart (a deploy, a reboot) takes the site down.
 */
public final class NginxConfigCheck implements Check {

    private final HostContext host;

    public NginxConfigCheck(HostContext host) {
        this.host = host;
    }

    @Override
    public String name() {
        return "nginx.config";
    }

    @Override
    public Area area() {
        return Area.NGINX;
    }

    @Override
    public Finding run() {
        var test = host.nginx().testConfig();
        if (test.succeeded()) {
            return Finding.ok(name(), area(), "nginx -t passes", List.of());
        }
        if (test.exitCode() == 127) {
            return Finding.manual(name(), area(), Status.UNKNOWN, "nginx-config-invalid", "cannot run nginx -t", List.of(test.output()),
                    "nginx is not installed at nginx.binary=" + host.config().get("nginx.binary"), "install nginx or correct nginx.binary");
        }
        String emerg = NginxControl.emergLine(test.output()).orElse(test.output().lines().findFirst().orElse("(no output)"));
        Optional<ProcessInfo> master = host.nginx().master();
        List<String> evidence = new ArrayList<>();
        evidence.add("nginx -t: " + emerg);
        evidence.add(master.map(m -> "nginx master " + m.describe() + " is running the previously loaded config")
                .orElse("nginx is not running"));
        String summary = master.isPresent()
                ? "latent config error: nginx still runs the old config, the next reload or restart will fail"
                : "config error: nginx cannot start with this config";
        String site = host.nginx().site().toString();
        if (!emerg.contains(site)) {
            return Finding.manual(name(), area(), Status.CRITICAL, "nginx-config-invalid", summary, evidence,
                    "the error is outside the Strata site " + site, "correct the file and line named by nginx -t, then run fix again");
        }
        return Finding.problem(name(), area(), Status.CRITICAL, "nginx-config-invalid", summary, evidence,
                "the Strata site " + site + " has a syntax error",
                SiteEdit.write(host, "rewrite " + site + " from the host-layout template", SiteTemplate.render(host.config())));
    }
}

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
                "the Strata site " + site + " has a syntax error", new RestoreSite(master.isPresent()));
    }

    /** Rewrites the site from the known-good template; the diff shows exactly which lines change. */
    private final class RestoreSite implements Repair {
        private final boolean running;

        RestoreSite(boolean running) {
            this.running = running;
        }

        @Override
        public String description() {
            return "rewrite " + host.nginx().site() + " from the host-layout template, nginx -t, "
                    + (running ? "reload nginx" : "leave nginx stopped for nginx.process");
        }

        @Override
        public List<FileChange> changes() {
            return List.of(FileChange.content(host.nginx().site(), SiteTemplate.render(host.config()), false));
        }

        @Override
        public void validate() throws RepairException {
            var test = host.nginx().testConfig();
            if (!test.succeeded()) {
                throw new RepairException("nginx -t still fails: " + NginxControl.emergLine(test.output()).orElse(test.output()));
            }
        }

        @Override
        public void apply() throws RepairException {
            if (running) {
                try {
                    host.services().reload(host.nginx().service());
                } catch (ServiceException e) {
                    throw new RepairException(e.getMessage());
                }
            }
        }

        @Override
        public FollowUp afterRestore() {
            return FollowUp.RELOAD_NGINX;
        }
    }
}

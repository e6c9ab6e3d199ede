package dev.strata.fixes.nginx;

import dev.strata.fixes.HostContext;
import dev.strata.fixes.repair.FileChange;
import dev.strata.fixes.repair.FollowUp;
import dev.strata.fixes.repair.Repair;
import dev.strata.fixes.repair.RepairException;
import dev.strata.fixes.service.ServiceException;
import java.util.List;

/**
 * The one way the CLI changes nginx: optionally write new site content, prove it with nginx -t,
 * then reload a running nginx (never restart: open connections finish on the old workers). A
 * stopped nginx is left for nginx.process to start.
 */
public final class SiteEdit implements Repair {

    private final HostContext host;
    private final String what;
    private final String newSite;

    private SiteEdit(HostContext host, String what, String newSite) {
        this.host = host;
        this.what = what;
        this.newSite = newSite;
    }

    /** Replace the site with {@code newSite}; {@code what} says which change, for the plan. */
    public static SiteEdit write(HostContext host, String what, String newSite) {
        return new SiteEdit(host, what, newSite);
    }

    /** No file change: nginx runs an older config than the (correct) files, a reload is the repair. */
    public static SiteEdit reloadOnly(HostContext host) {
        return new SiteEdit(host, null, null);
    }

    @Override
    public String description() {
        return (what == null ? "" : what + ", ") + "nginx -t, reload nginx (if running)";
    }

    @Override
    public List<FileChange> changes() {
        return newSite == null ? List.of() : List.of(FileChange.content(host.nginx().site(), newSite, false));
    }

    @Override
    public void validate() throws RepairException {
        var test = host.nginx().testConfig();
        if (!test.succeeded()) {
            throw new RepairException("nginx -t fails: " + NginxControl.emergLine(test.output()).orElse(test.output()));
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

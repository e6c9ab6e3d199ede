package dev.strata.fixes.repair;

import dev.strata.fixes.HostContext;
import dev.strata.fixes.nginx.NginxControl;
import dev.strata.fixes.service.ServiceException;

/** Replays a {@link FollowUp} after files were restored. */
public final class FollowUpRunner {

    private final HostContext host;

    public FollowUpRunner(HostContext host) {
        this.host = host;
    }

    /** Returns a note for the operator; never throws, since the files are already back in place. */
    public String run(FollowUp followUp) {
        try {
            switch (followUp) {
                case NONE -> {
                    return "no service action needed";
                }
                case RELOAD_UNITS -> {
                    host.services().reloadUnits();
                    return "service manager re-read unit files";
                }
                case RELOAD_NGINX -> {
                    if (host.nginx().master().isEmpty()) {
                        return "nginx is not running: nothing to reload";
                    }
                    var test = host.nginx().testConfig();
                    if (!test.succeeded()) {
                        // Reloading a config nginx rejects is a no-op at best; say so instead of trying.
                        return "restored nginx config does not pass nginx -t (" + NginxControl.emergLine(test.output()).orElse("?")
                                + "): nginx keeps running its current config, not reloaded";
                    }
                    host.services().reload(host.nginx().service());
                    return "nginx reloaded with the restored config";
                }
                case RESTART_BACKEND -> {
                    String service = host.config().get("backend.service");
                    if (!host.services().status(service).isActive()) {
                        return service + " is not running: nothing to restart";
                    }
                    host.services().restart(service);
                    return service + " restarted with the restored environment file";
                }
                default -> throw new IllegalStateException(followUp.name());
            }
        } catch (ServiceException e) {
            return "follow-up " + followUp + " failed: " + e.getMessage();
        }
    }
}

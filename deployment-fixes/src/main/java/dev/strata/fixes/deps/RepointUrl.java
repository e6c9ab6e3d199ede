package dev.strata.fixes.deps;

import dev.strata.fixes.HostContext;
import dev.strata.fixes.env.EnvFile;
import dev.strata.fixes.repair.FileChange;
import dev.strata.fixes.repair.FollowUp;
import dev.strata.fixes.repair.Repair;
import dev.strata.fixes.repair.RepairException;
import dev.strata.fixes.service.ServiceException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Points a dependency URL at the address where the dependency answers. The server reads its
 * environment only at start, so this is the one repair that restarts the backend: because its
 * configuration changed, not because a dependency is down.
 */
final class RepointUrl implements Repair {

    private final HostContext host;
    private final Dependency dependency;
    private final String fixedUrl;
    private final Endpoint from;
    private final Endpoint to;

    RepointUrl(HostContext host, Dependency dependency, String url, String fixedUrl, Endpoint from, Endpoint to) {
        this.host = host;
        this.dependency = dependency;
        this.fixedUrl = fixedUrl;
        this.from = from;
        this.to = to;
    }

    @Override
    public String description() {
        return "set " + dependency.urlVariable() + " host:port " + from + " -> " + to + " in " + host.config().get("env.file")
                + ", restart " + host.config().get("backend.service") + " (it reads the file only at start)";
    }

    @Override
    public List<FileChange> changes() {
        try {
            EnvFile env = EnvFile.read(host.config().path("env.file"));
            return List.of(FileChange.content(host.config().path("env.file"), env.withValue(dependency.urlVariable(), fixedUrl), true));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void validate() throws RepairException {
        try {
            var env = EnvFile.read(host.config().path("env.file")).values();
            ProbeResult result = dependency.probe(fixedUrl, env, host.config().integer("deps.timeout-seconds"));
            if (result.outcome() != ProbeResult.Outcome.OK) {
                throw new RepairException(dependency.name() + " does not accept the corrected URL: " + result.detail());
            }
        } catch (IOException e) {
            throw new RepairException("cannot re-read the environment file: " + e.getMessage());
        }
    }

    @Override
    public void apply() throws RepairException {
        String service = host.config().get("backend.service");
        if (!host.services().status(service).isActive()) {
            return;
        }
        try {
            host.services().restart(service);
        } catch (ServiceException e) {
            throw new RepairException(e.getMessage());
        }
        awaitLiveness();
    }

    /** The verification asks the backend; give the restarted server time to answer first. */
    private void awaitLiveness() throws RepairException {
        String url = host.config().get("backend.url") + host.config().get("backend.liveness-path");
        long deadline = System.nanoTime() + verifyTimeout().toNanos();
        while (host.http().get(url).status() != 200) {
            if (System.nanoTime() > deadline) {
                throw new RepairException("the restarted backend did not answer " + url + " within " + verifyTimeout().toSeconds() + "s");
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RepairException("interrupted while waiting for the backend");
            }
        }
    }

    @Override
    public FollowUp afterRestore() {
        return FollowUp.RESTART_BACKEND;
    }

    @Override
    public Duration verifyTimeout() {
        return Duration.ofSeconds(host.config().integer("backend.start-timeout-seconds"));
    }
}

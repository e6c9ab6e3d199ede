package dev.strata.fixes.deps;

import dev.strata.fixes.HostContext;
import dev.strata.fixes.backend.Readiness;
import dev.strata.fixes.check.Area;
import dev.strata.fixes.check.Check;
import dev.strata.fixes.check.Finding;
import dev.strata.fixes.check.Status;
import dev.strata.fixes.env.EnvFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Can this host reach the dependency at the URL the server is configured with? Distinguishes a
 * service that is down (refused/timeout at the provisioned address) from a wrong URL (does not
 * resolve, another protocol answers, unknown database, or the service answers at a different
 * address: the configured {@code deps.<name>.endpoint} or, on loopback, a local server of that kind).
 */
public final class DependencyCheck implements Check {

    private final HostContext host;
    private final Dependency dependency;

    public DependencyCheck(HostContext host, Dependency dependency) {
        this.host = host;
        this.dependency = dependency;
    }

    @Override
    public String name() {
        return "deps." + dependency.name();
    }

    @Override
    public Area area() {
        return Area.DEPS;
    }

    @Override
    public Finding run() {
        Map<String, String> env;
        try {
            env = EnvFile.read(host.config().path("env.file")).values();
        } catch (java.nio.file.NoSuchFileException e) {
            return Finding.manual(name(), area(), Status.UNKNOWN, "deps-env-unreadable", "no environment file, so no URL to probe",
                    List.of("missing " + host.config().get("env.file")), "see env.variables", "restore the environment file first");
        } catch (IOException e) {
            return Finding.manual(name(), area(), Status.UNKNOWN, "deps-env-unreadable", "cannot read the environment file",
                    List.of(e.getClass().getSimpleName()), "see env.variables", "run strata-fix as root");
        }
        String url = env.getOrDefault(dependency.urlVariable(), "");
        if (url.isEmpty()) {
            String why = dependency.isRequired() ? "not set (reported by env.variables)" : "not set: this tier is disabled";
            return Finding.ok(name(), area(), dependency.urlVariable() + " " + why, List.of());
        }
        int timeout = host.config().integer("deps.timeout-seconds");
        ProbeResult result = dependency.probe(url, env, timeout);
        String shownUrl = host.masker().mask(url);
        List<String> evidence = new ArrayList<>();
        evidence.add(dependency.urlVariable() + "=" + shownUrl + ": " + result.detail());
        Optional<String> backendStatus = backendView();
        backendStatus.ifPresent(status -> evidence.add("backend readiness component " + dependency.component() + ": " + status));
        if (result.outcome() == ProbeResult.Outcome.OK && backendStatus.filter(s -> s.equals("DOWN")).isPresent()) {
            return Finding.manual(name(), area(), Status.CRITICAL, "deps-" + dependency.name() + "-backend-stale",
                    "this host reaches " + dependency.name() + " but the backend reports it DOWN", evidence,
                    "the backend runs with an older URL or a broken connection pool",
                    "restart " + host.config().get("backend.service") + " at a quiet moment (strata-fix does not restart it for this)");
        }
        if (result.outcome() == ProbeResult.Outcome.OK) {
            return Finding.ok(name(), area(), dependency.name() + " reachable at " + Endpoint.ofUrl(url, dependency.defaultPort()).orElse(null),
                    evidence);
        }
        String problemBase = "deps-" + dependency.name();
        Optional<Endpoint> configured = Endpoint.ofUrl(url, dependency.defaultPort());
        if (result.outcome().isUrlFault || configured.isEmpty()) {
            String manual = result.outcome() == ProbeResult.Outcome.AUTH_FAILED
                    ? "correct the credentials in " + host.config().get("env.file") + " from AWS Secrets Manager"
                    : "correct " + dependency.urlVariable() + " in " + host.config().get("env.file");
            Optional<Endpoint> actual = new EndpointFinder(host, dependency).find(configured.orElse(null));
            if (actual.isPresent() && configured.isPresent() && result.outcome() == ProbeResult.Outcome.WRONG_PROTOCOL) {
                return wrongAddress(url, configured.get(), actual.get(), evidence);
            }
            String problem = result.outcome() == ProbeResult.Outcome.AUTH_FAILED ? problemBase + "-auth" : problemBase + "-wrong-url";
            return Finding.manual(name(), area(), Status.CRITICAL, problem, dependency.name() + ": " + result.detail(), evidence,
                    "the URL (or credentials) in the environment file are wrong; the service itself answers or cannot be addressed", manual);
        }
        Optional<Endpoint> actual = new EndpointFinder(host, dependency).find(configured.get());
        if (actual.isPresent()) {
            return wrongAddress(url, configured.get(), actual.get(), evidence);
        }
        EndpointFinder finder = new EndpointFinder(host, dependency);
        String cause;
        if (finder.provisioned().isPresent()) {
            evidence.add("the URL matches the provisioned endpoint deps." + dependency.name() + ".endpoint=" + finder.provisioned().get());
            cause = dependency.name() + " at its provisioned address does not accept connections (service down or network)";
        } else {
            evidence.add("deps." + dependency.name() + ".endpoint is not configured: an outage and a wrong port look alike");
            cause = dependency.name() + " at " + configured.get() + " does not accept connections (service down, network, or wrong port)";
        }
        if (configured.get().isLoopback()) {
            List<Integer> local = finder.localListenerPorts();
            if (!local.isEmpty()) {
                evidence.add("hint: local " + dependency.name() + " processes listen on ports " + local + " (not necessarily this server's)");
            }
        }
        return Finding.manual(name(), area(), Status.CRITICAL, problemBase + "-down",
                dependency.name() + " is down: " + result.detail() + " at " + configured.get(), evidence, cause,
                "restore " + dependency.name() + " at " + configured.get()
                        + "; the backend is NOT restarted: it keeps serving what it can and reconnects by itself");
    }

    private Finding wrongAddress(String url, Endpoint configured, Endpoint actual, List<String> evidence) {
        List<String> all = new ArrayList<>(evidence);
        all.add(dependency.name() + " answers at " + actual + ", the URL names " + configured);
        String fixed = actual.replaceIn(url, configured);
        return Finding.problem(name(), area(), Status.CRITICAL, "deps-" + dependency.name() + "-wrong-url",
                dependency.name() + " URL points at " + configured + " but " + dependency.name() + " answers at " + actual, all,
                dependency.urlVariable() + " names the wrong host:port", new RepointUrl(host, dependency, url, fixed, configured, actual));
    }

    /** What the running backend reports for this dependency, when it answers. */
    private Optional<String> backendView() {
        var response = host.http().get(host.config().get("backend.url") + host.config().get("backend.readiness-path"));
        if (!response.answered()) {
            return Optional.empty();
        }
        return Optional.of(Readiness.parse(response).componentStatus(dependency.component()));
    }
}

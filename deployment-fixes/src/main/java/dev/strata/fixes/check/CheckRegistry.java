package dev.strata.fixes.check;

import dev.strata.fixes.HostContext;
import dev.strata.fixes.backend.BackendHealthCheck;
import dev.strata.fixes.backend.BackendUnitCheck;
import dev.strata.fixes.deps.DependencyCheck;
import dev.strata.fixes.deps.PostgresDependency;
import dev.strata.fixes.deps.RedisDependency;
import dev.strata.fixes.env.EnvPermissionsCheck;
import dev.strata.fixes.env.EnvVariablesCheck;
import dev.strata.fixes.frontend.FrontendCheck;
import dev.strata.fixes.host.DiskCheck;
import dev.strata.fixes.host.MemoryCheck;
import dev.strata.fixes.host.PortsCheck;
import dev.strata.fixes.nginx.NginxConfigCheck;
import dev.strata.fixes.nginx.NginxProcessCheck;
import dev.strata.fixes.nginx.NginxUpstreamCheck;
import java.util.List;
import java.util.Set;

/**
 * Every check, in the order fix repairs them: causes before symptoms (the environment before the
 * backend that reads it, a valid nginx config before starting nginx, nginx before the console it serves).
 */
public final class CheckRegistry {

    /** Every problem id a check can report; `fix <problem-id>` accepts these. */
    public static final Set<String> PROBLEM_IDS = Set.of(
            "env-permissions", "env-missing-vars", "env-unreadable",
            "deps-postgres-down", "deps-postgres-wrong-url", "deps-postgres-auth", "deps-postgres-backend-stale",
            "deps-redis-down", "deps-redis-wrong-url", "deps-redis-auth", "deps-redis-backend-stale",
            "host-disk-low", "host-memory-low", "host-port-conflict",
            "backend-unit-missing", "backend-unit-wrong", "backend-down", "backend-not-ready", "backend-not-answering",
            "backend-port-foreign",
            "nginx-config-invalid", "nginx-not-running", "nginx-upstream-wrong-port", "nginx-not-reloaded",
            "frontend-stale", "frontend-unreachable", "frontend-no-current");

    private CheckRegistry() {
    }

    public static List<Check> all(HostContext host) {
        return List.of(
                new EnvPermissionsCheck(host),
                new EnvVariablesCheck(host),
                new DependencyCheck(host, new PostgresDependency()),
                new DependencyCheck(host, new RedisDependency()),
                new DiskCheck(host),
                new MemoryCheck(host),
                new PortsCheck(host),
                new BackendUnitCheck(host),
                new BackendHealthCheck(host),
                new NginxConfigCheck(host),
                new NginxProcessCheck(host),
                new NginxUpstreamCheck(host),
                new FrontendCheck(host));
    }

    public static List<Check> of(HostContext host, Area area) {
        return all(host).stream().filter(c -> c.area() == area).toList();
    }

    public static Diagnosis run(List<Check> checks) {
        return new Diagnosis(checks.stream().map(Check::run).toList());
    }
}

package dev.strata.fixes.deps;

import java.util.Map;

/** What differs between PostgreSQL and Redis for the dependency check. */
public interface Dependency {
    /** Short name used in check and problem ids: postgres, redis. */
    String name();

    /** The environment variable holding the URL. */
    String urlVariable();

    boolean isRequired();

    int defaultPort();

    /** The backend readiness component that reports this dependency. */
    String component();

    /** How the executable name (/proc/pid/comm) of a local server of this kind starts. */
    String processHint();

    ProbeResult probe(String url, Map<String, String> env, int timeoutSeconds);
}

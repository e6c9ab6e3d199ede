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

    /** Text in a local process's command line that identifies a server of this kind. */
    String processHint();

    ProbeResult probe(String url, Map<String, String> env, int timeoutSeconds);
}

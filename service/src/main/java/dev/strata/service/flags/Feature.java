package dev.strata.service.flags;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The features a tenant can have switched on or off. Sessions and long-term memory are gated by the
 * path prefixes of their endpoints, so the gate needs no code from the features themselves; learned
 * placement is asked for through {@link FeatureFlags#isEnabled}.
 */
public enum Feature {
    SESSIONS("sessions", List.of("/v1/sessions")),
    LONG_TERM_MEMORY("long-term-memory", List.of("/v1/memories", "/v1/entities", "/v1/relations", "/v1/users")),
    LEARNED_PLACEMENT("learned-placement", List.of());

    private final String flagName;
    private final List<String> pathPrefixes;

    Feature(String flagName, List<String> pathPrefixes) {
        this.flagName = flagName;
        this.pathPrefixes = pathPrefixes;
    }

    /** The name used in the API, the CLI and the database. */
    public String flagName() {
        return flagName;
    }

    /** True when the routed path is this feature's prefix or below it ({@code /v1/sessions} or {@code /v1/sessions/…}). */
    public boolean gates(String path) {
        for (String prefix : pathPrefixes) {
            if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
                return true;
            }
        }
        return false;
    }

    public static Optional<Feature> byName(String name) {
        return Arrays.stream(values()).filter(f -> f.flagName.equals(name)).findFirst();
    }

    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(Feature::flagName).toList());
    }
}

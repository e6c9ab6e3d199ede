package dev.strata.infra.settings;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kind of stack: production gets redundancy and protection, the others save money. */
public enum Environment {
    DEV, STAGING, PROD;

    public boolean isProduction() {
        return this == PROD;
    }

    /** The lower-case spelling used in stack config and tags. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Environment parse(String key, String value) {
        for (Environment environment : values()) {
            if (environment.id().equals(value)) {
                return environment;
            }
        }
        throw new InvalidStackConfigException(key, value, "must be one of "
                + Arrays.stream(values()).map(Environment::id).collect(Collectors.joining("|")));
    }
}

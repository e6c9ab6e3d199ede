package dev.strata.infra.settings;

import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Typed, validated access to one config namespace ({@code strata:} or {@code aws:}). Every failure
 * names the full key; secret values are never echoed back.
 */
public final class ConfigValues {
    private final String namespace;
    private final Function<String, Optional<String>> rawValues;

    /** @param rawValues looks a key up without its namespace prefix, as {@code com.pulumi.Config#get} does */
    public ConfigValues(String namespace, Function<String, Optional<String>> rawValues) {
        this.namespace = namespace;
        this.rawValues = rawValues;
    }

    public String fullKey(String key) {
        return namespace + ":" + key;
    }

    public Optional<String> optional(String key) {
        return rawValues.apply(key).map(String::strip).filter(value -> !value.isEmpty());
    }

    public String required(String key, String hint) {
        return optional(key).orElseThrow(() -> new InvalidStackConfigException(fullKey(key), "is required: " + hint));
    }

    public String text(String key, String defaultValue, Pattern allowed, String expectation) {
        String value = optional(key).orElse(defaultValue);
        if (!allowed.matcher(value).matches()) {
            throw new InvalidStackConfigException(fullKey(key), value, expectation);
        }
        return value;
    }

    public Optional<String> optionalText(String key, Pattern allowed, String expectation) {
        Optional<String> value = optional(key);
        value.ifPresent(present -> {
            if (!allowed.matcher(present).matches()) {
                throw new InvalidStackConfigException(fullKey(key), present, expectation);
            }
        });
        return value;
    }

    public int integer(String key, int defaultValue, int min, int max) {
        Optional<String> raw = optional(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(raw.get());
        } catch (NumberFormatException notANumber) {
            throw new InvalidStackConfigException(fullKey(key), raw.get(), "is not a whole number");
        }
        if (value < min || value > max) {
            throw new InvalidStackConfigException(fullKey(key), raw.get(), "must be between " + min + " and " + max);
        }
        return value;
    }

    public boolean bool(String key, boolean defaultValue) {
        Optional<String> raw = optional(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return switch (raw.get()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidStackConfigException(fullKey(key), raw.get(), "must be true or false");
        };
    }

    /** A secret: validated here, but the message only describes the rule, never the value. */
    public String secret(String key, Pattern allowed, String expectation, String hint) {
        String value = optional(key).orElseThrow(
                () -> new InvalidStackConfigException(fullKey(key), "is required: " + hint));
        if (!allowed.matcher(value).matches()) {
            throw new InvalidStackConfigException(fullKey(key), "(secret value not shown) " + expectation);
        }
        return value;
    }
}

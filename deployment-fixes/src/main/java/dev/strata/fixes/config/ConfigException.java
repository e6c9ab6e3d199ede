package dev.strata.fixes.config;

/** A setting with an unusable value; the message names the setting, the value and what was expected. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String key, String value, String expected) {
        super("configuration: " + key + "=" + value + " is invalid, expected " + expected);
    }

    public ConfigException(String message) {
        super(message);
    }
}

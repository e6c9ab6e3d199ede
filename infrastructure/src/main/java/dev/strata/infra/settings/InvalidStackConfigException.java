package dev.strata.infra.settings;

/**
 * A stack configuration value that the program refuses to deploy with. The message always names
 * the key so that {@code pulumi up} tells the operator exactly which {@code pulumi config set} to run.
 */
public final class InvalidStackConfigException extends RuntimeException {
    private final String key;

    public InvalidStackConfigException(String key, String value, String problem) {
        super("stack config '" + key + "' = '" + value + "' " + problem);
        this.key = key;
    }

    /** For missing or secret values, whose content must not appear in the message. */
    public InvalidStackConfigException(String key, String problem) {
        super("stack config '" + key + "' " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}

package dev.strata.fixes.cli;

/** Bad input the operator can correct (unknown area, unknown history id); exits 3 with the message. */
public final class CliException extends RuntimeException {
    public CliException(String message) {
        super(message);
    }
}

package dev.strata.service.admin;

/**
 * Every exit code an admin command can end with, in one place so scripts can rely on them.
 * The values are part of the CLI's contract (documented in service/README.md).
 */
public enum ExitCode {
    /** The command did what was asked and found nothing wrong. */
    OK(0),
    /** The command ran and found problems: invalid settings, drift left unrepaired, limits exceeded in a dry run. */
    FINDINGS(1),
    /** Bad options or arguments (picocli's usage error). */
    USAGE(2),
    /** PostgreSQL, Redis or the target server could not be reached. */
    UNAVAILABLE(3),
    /** Refused to act: the schema is newer than this jar, or the target is not in the state required. */
    REFUSED(4),
    /** An input file is unreadable, corrupted or does not match its manifest. */
    BAD_INPUT(5),
    /** A bug: an unexpected exception (reported without a stack trace unless --verbose is given). */
    INTERNAL(70);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}

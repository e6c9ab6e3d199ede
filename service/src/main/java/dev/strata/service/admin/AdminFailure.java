package dev.strata.service.admin;

/** A failure a command reports to the operator as one message and an exit code, never as a stack trace. */
public class AdminFailure extends RuntimeException {

    private final ExitCode exitCode;

    public AdminFailure(ExitCode exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}

package dev.strata.fixes.cli;

import dev.strata.fixes.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * The one place domain exceptions become exit codes and one-line messages. No stack trace reaches
 * the operator; messages are built by our own code and hold no secret values.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        String message = switch (e) {
            case ConfigException c -> c.getMessage();
            case CliException c -> c.getMessage();
            case IllegalStateException s -> "refused: " + s.getMessage();
            case IOException io -> "I/O error: " + io.getMessage();
            case UncheckedIOException io -> "I/O error: " + io.getCause().getMessage();
            default -> "internal error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        };
        commandLine.getErr().println("strata-fix: " + message);
        commandLine.getErr().flush();
        return ExitCode.UNKNOWN.code;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println("strata-fix: " + e.getMessage());
        cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
        cmd.getErr().flush();
        return ExitCode.UNKNOWN.code;
    }
}

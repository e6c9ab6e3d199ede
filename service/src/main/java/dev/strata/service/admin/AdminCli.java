package dev.strata.service.admin;

import java.io.PrintWriter;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.beans.factory.BeanCreationException;
import picocli.CommandLine;

/**
 * Entry point of {@code java -jar strata-service-exec.jar admin <command>}: runs one command of the
 * admin tree without starting the web server. Domain failures become one line and an exit code here,
 * in one place, so no command prints a stack trace at an operator.
 */
public final class AdminCli {

    private AdminCli() {
    }

    /** Runs the command line; returns the process exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = commandLine(out, err);
        return commandLine.execute(args);
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new AdminCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExitCodeExceptionMapper(AdminCli::exitCodeOf);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + messageOf(e));
            cmd.getErr().flush();
            return exitCodeOf(e);
        });
        commandLine.setParameterExceptionHandler((e, argv) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println("error: " + e.getMessage());
            failed.getErr().println("Run with --help for usage.");
            failed.getErr().flush();
            return ExitCode.USAGE.code();
        });
        return commandLine;
    }

    static int exitCodeOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AdminFailure failure) {
                return failure.exitCode().code();
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException || t instanceof redis.clients.jedis.exceptions.JedisConnectionException
                    || t instanceof java.net.ConnectException || t instanceof java.net.SocketTimeoutException
                    || t instanceof org.springframework.dao.DataAccessResourceFailureException) {
                return ExitCode.UNAVAILABLE.code();
            }
        }
        Throwable root = rootCause(e);
        if (e instanceof BeanCreationException || e instanceof BindException || root instanceof IllegalStateException) {
            // The server's configuration refused to load: the message names the setting.
            return ExitCode.FINDINGS.code();
        }
        return ExitCode.INTERNAL.code();
    }

    /** The most specific message in the cause chain: Spring wraps the one that names the setting. */
    static String messageOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AdminFailure) {
                return t.getMessage();
            }
        }
        Throwable root = rootCause(e);
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}

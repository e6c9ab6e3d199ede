package dev.strata.fixes.cli;

import dev.strata.fixes.HostContext;
import dev.strata.fixes.config.ConfigLoader;
import dev.strata.fixes.repair.Verifier;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * strata-fix: diagnose and repair a Strata app host. Subcommands do the work; this class holds the
 * options every subcommand shares and the seams tests replace (verifier, clock, operator input).
 */
@Command(name = "strata-fix", mixinStandardHelpOptions = true, version = "strata-fix 0.1.0",
        description = "Diagnose and safely repair a Strata app host (nginx, memory server, console, environment, dependencies).",
        subcommands = {DiagnoseCommand.class, CheckCommand.class, FixCommand.class, HistoryCommand.class, RollbackCommand.class},
        exitCodeListHeading = "%nExit codes (monitoring-plugins convention):%n",
        exitCodeList = {"0:OK", "1:WARNING (fix: problems left for a human)", "2:CRITICAL (fix: a repair was rolled back)",
                "3:UNKNOWN (bad usage or configuration)"})
public final class StrataFix implements Runnable {

    @Option(names = "--config", scope = CommandLine.ScopeType.INHERIT, paramLabel = "FILE",
            description = "configuration file (default: /etc/strata/deployment-fixes.properties, host-layout defaults when absent)")
    Path config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Verifier verifier;
    private final Clock clock;
    private final BufferedReader operator;

    public StrataFix() {
        this(Verifier.rerunCheck(), Clock.systemUTC(), new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
    }

    public StrataFix(Verifier verifier, Clock clock, BufferedReader operator) {
        this.verifier = verifier;
        this.clock = clock;
        this.operator = operator;
    }

    public static CommandLine commandLine(StrataFix app) {
        ErrorHandler errors = new ErrorHandler();
        return new CommandLine(app).setExecutionExceptionHandler(errors).setParameterExceptionHandler(errors);
    }

    public static void main(String[] args) {
        System.exit(commandLine(new StrataFix()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: diagnose, check, fix, history or rollback");
    }

    HostContext host() {
        return HostContext.from(ConfigLoader.load(config));
    }

    Verifier verifier() {
        return verifier;
    }

    Clock clock() {
        return clock;
    }

    BufferedReader operator() {
        return operator;
    }
}

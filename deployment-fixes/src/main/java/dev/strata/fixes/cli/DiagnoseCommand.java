package dev.strata.fixes.cli;

import dev.strata.fixes.HostContext;
import dev.strata.fixes.check.CheckRegistry;
import dev.strata.fixes.check.Diagnosis;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Read-only: every check, one line each, then the verdict. Changes no file and signals no process. */
@Command(name = "diagnose", description = "Run every check (read-only) and print findings and the verdict.")
final class DiagnoseCommand implements Callable<Integer> {

    @ParentCommand
    StrataFix app;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "machine-readable output")
    boolean json;

    @Option(names = "--monitoring", description = "also print the verdict as the first line (monitoring-plugin status line)")
    boolean monitoring;

    @Override
    public Integer call() {
        HostContext host = app.host();
        Diagnosis diagnosis = CheckRegistry.run(CheckRegistry.all(host));
        FindingPrinter printer = new FindingPrinter(spec.commandLine().getOut(), host.masker());
        if (json) {
            printer.json(diagnosis);
        } else {
            printer.text(diagnosis, monitoring);
        }
        return ExitCode.of(diagnosis.verdict());
    }
}

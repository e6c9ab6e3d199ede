package dev.strata.fixes.cli;

import dev.strata.fixes.HostContext;
import dev.strata.fixes.check.Area;
import dev.strata.fixes.check.CheckRegistry;
import dev.strata.fixes.check.Diagnosis;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Read-only checks of one area; usable as a monitoring plugin. */
@Command(name = "check", description = "Run the checks of one area: nginx, backend, frontend, env, deps, host.")
final class CheckCommand implements Callable<Integer> {

    @ParentCommand
    StrataFix app;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "AREA", description = "nginx, backend, frontend, env, deps or host")
    String area;

    @Option(names = "--json", description = "machine-readable output")
    boolean json;

    @Option(names = "--monitoring", description = "also print the verdict as the first line (monitoring-plugin status line)")
    boolean monitoring;

    @Override
    public Integer call() {
        Area selected = Area.parse(area).orElseThrow(() -> new CliException("unknown area '" + area + "', expected one of "
                + Arrays.stream(Area.values()).map(Area::id).collect(Collectors.joining(", "))));
        HostContext host = app.host();
        Diagnosis diagnosis = CheckRegistry.run(CheckRegistry.of(host, selected));
        FindingPrinter printer = new FindingPrinter(spec.commandLine().getOut(), host.masker());
        if (json) {
            printer.json(diagnosis);
        } else {
            printer.text(diagnosis, monitoring);
        }
        return ExitCode.of(diagnosis.verdict());
    }
}

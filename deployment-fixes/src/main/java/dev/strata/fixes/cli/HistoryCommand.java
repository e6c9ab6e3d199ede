package dev.strata.fixes.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.strata.fixes.HostContext;
import dev.strata.fixes.repair.History;
import dev.strata.fixes.repair.HistoryEntry;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What was changed, when, with which backup. */
@Command(name = "history", description = "List repairs: id, time, outcome, problem, backup directory.")
final class HistoryCommand implements Callable<Integer> {

    @ParentCommand
    StrataFix app;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "machine-readable output")
    boolean json;

    @Override
    public Integer call() throws IOException {
        HostContext host = app.host();
        List<HistoryEntry> entries = new History(host.config().path("state.dir")).entries();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(entries));
        } else if (entries.isEmpty()) {
            out.println("no repairs recorded in " + host.config().get("state.dir"));
        } else {
            for (HistoryEntry e : entries) {
                out.printf("%s  %s  %-11s %-26s %s%n", e.id(), e.time(), e.outcome(), e.problem(), host.masker().mask(e.description()));
                out.println("    " + host.masker().mask(e.detail()));
                out.println("    backup: " + e.backupDir());
                e.files().forEach(f -> out.println("    file: " + f.path() + " sha256 " + abbreviate(f.sha256Before()) + " -> "
                        + abbreviate(f.sha256After())));
            }
        }
        out.flush();
        return ExitCode.OK.code;
    }

    private static String abbreviate(String hash) {
        return hash == null || hash.length() < 12 ? "(none)" : hash.substring(0, 12);
    }
}

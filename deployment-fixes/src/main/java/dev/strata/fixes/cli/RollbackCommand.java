package dev.strata.fixes.cli;

import dev.strata.fixes.HostContext;
import dev.strata.fixes.repair.Backup;
import dev.strata.fixes.repair.FileState;
import dev.strata.fixes.repair.FollowUpRunner;
import dev.strata.fixes.repair.History;
import dev.strata.fixes.repair.HistoryEntry;
import dev.strata.fixes.repair.RepairLock;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Undoes an applied repair from its backup. Refuses when a file changed after the repair (someone
 * else edited it; overwriting would lose their change) unless --force. The files as they are now
 * are backed up first, so the undo is itself recorded and reversible by hand.
 */
@Command(name = "rollback", description = "Undo an applied repair by history id (restores its backup byte-for-byte).")
final class RollbackCommand implements Callable<Integer> {

    @ParentCommand
    StrataFix app;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "history id (see: strata-fix history)")
    String id;

    @Option(names = {"-y", "--yes"}, description = "do not ask for confirmation")
    boolean yes;

    @Option(names = "--force", description = "restore even if a file changed after the repair")
    boolean force;

    @Override
    public Integer call() throws IOException {
        HostContext host = app.host();
        try (RepairLock lock = RepairLock.tryAcquire(host.config().path("state.dir")).orElseThrow(() -> new CliException(
                "another strata-fix is repairing this host (lock " + host.config().path("state.dir").resolve("repair.lock") + ")"))) {
            return rollback(host);
        }
    }

    private int rollback(HostContext host) throws IOException {
        History history = new History(host.config().path("state.dir"));
        HistoryEntry entry = history.find(id).orElseThrow(() -> new CliException("no history entry '" + id + "' (see: strata-fix history)"));
        PrintWriter out = spec.commandLine().getOut();
        if (entry.outcome() != HistoryEntry.Outcome.APPLIED || history.isUndone(id)) {
            out.println("refused: entry " + id + " is " + (history.isUndone(id) ? "already undone" : entry.outcome()) + ", nothing to undo");
            out.flush();
            return ExitCode.CRITICAL.code;
        }
        if (entry.files().isEmpty()) {
            out.println("refused: entry " + id + " changed no file (" + host.masker().mask(entry.description())
                    + "); there is nothing to restore, and strata-fix never stops a service");
            out.flush();
            return ExitCode.CRITICAL.code;
        }
        for (HistoryEntry.FileRecord f : entry.files()) {
            Path path = Path.of(f.path());
            String now = Files.exists(path) ? FileState.sha256(path) : "";
            if (!now.equals(f.sha256After()) && !force) {
                out.println("refused: " + path + " changed after repair " + id + "; use --force to overwrite it with the backup");
                out.flush();
                return ExitCode.CRITICAL.code;
            }
        }
        out.println("ROLLBACK " + id + ": " + entry.problem() + " (" + host.masker().mask(entry.description()) + ")");
        entry.files().forEach(f -> out.println("  restore " + f.path() + " from " + entry.backupDir()));
        if (!yes) {
            out.print("  restore these files? [y/N] ");
            out.flush();
            String answer = app.operator().readLine();
            if (answer == null || !answer.strip().equalsIgnoreCase("y")) {
                out.println("  skipped: not confirmed");
                out.flush();
                return ExitCode.WARNING.code;
            }
        }
        String undoId = history.newEntryId(app.clock().instant());
        Backup current = Backup.save(history.backupDir(undoId), entry.files().stream().map(f -> Path.of(f.path())).toList());
        Backup original = Backup.load(Path.of(entry.backupDir()));
        original.restore();
        String followUp = new FollowUpRunner(host).run(entry.followUp());
        boolean exact = original.matchesOriginals();
        history.append(new HistoryEntry(undoId, app.clock().instant().toString(), entry.problem(), "rollback of " + id, HistoryEntry.Outcome.UNDONE,
                "undid " + id, current.dir().toString(), entry.followUp(), entry.files().stream()
                .map(f -> new HistoryEntry.FileRecord(f.path(), f.sha256After(), f.sha256Before())).toList()));
        out.println("  " + (exact ? "restored byte-for-byte" : "RESTORE MISMATCH: inspect " + original.dir()) + "; " + followUp);
        out.println("  the state before this rollback is kept in " + current.dir() + " (history id " + undoId + ")");
        out.flush();
        return exact ? ExitCode.OK.code : ExitCode.CRITICAL.code;
    }
}

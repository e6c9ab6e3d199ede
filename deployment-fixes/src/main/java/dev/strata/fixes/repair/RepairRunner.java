package dev.strata.fixes.repair;

import dev.strata.fixes.HostContext;
import dev.strata.fixes.check.Check;
import dev.strata.fixes.check.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;

/**
 * Runs one repair safely: back up what it touches, write the smallest change, validate, apply,
 * verify the symptom is gone, and restore the originals byte-for-byte if any step fails.
 */
public final class RepairRunner {

    private final HostContext host;
    private final History history;
    private final Verifier verifier;
    private final Clock clock;

    public RepairRunner(HostContext host, History history, Verifier verifier, Clock clock) {
        this.host = host;
        this.history = history;
        this.verifier = verifier;
        this.clock = clock;
    }

    public HistoryEntry run(Check check, Finding finding) throws IOException {
        Repair repair = finding.repair().orElseThrow();
        List<FileChange> changes = repair.changes();
        for (FileChange change : changes) {
            ProtectedPaths.requireWritable(host.config(), change.path());
        }
        String id = history.newEntryId(clock.instant());
        Backup backup = Backup.save(history.backupDir(id), changes.stream().map(FileChange::path).toList());
        String failure = null;
        try {
            for (FileChange change : changes) {
                write(change);
            }
            repair.validate();
            repair.apply();
            if (!verifier.isResolved(check, finding, repair.verifyTimeout())) {
                failure = "verification failed: " + finding.problem() + " still present after " + repair.verifyTimeout().toSeconds() + "s";
            }
        } catch (RepairException e) {
            failure = e.getMessage();
        } catch (IOException e) {
            // A half-written change is the worst state to leave: restore like any other failure.
            failure = "cannot write the change: " + e.getMessage();
        }
        HistoryEntry.Outcome outcome = HistoryEntry.Outcome.APPLIED;
        String detail = "verified: " + finding.problem() + " is gone";
        if (failure != null) {
            backup.restore();
            String followUp = new FollowUpRunner(host).run(repair.afterRestore());
            outcome = HistoryEntry.Outcome.ROLLED_BACK;
            detail = host.masker().mask(failure) + "; originals restored"
                    + (backup.matchesOriginals() ? " (checksums match)" : " (CHECKSUM MISMATCH, inspect " + backup.dir() + ")")
                    + "; " + followUp;
        }
        HistoryEntry entry = new HistoryEntry(id, clock.instant().toString(), finding.problem(), repair.description(), outcome,
                detail, backup.dir().toString(), repair.afterRestore(), fileRecords(backup));
        history.append(entry);
        return entry;
    }

    private static List<HistoryEntry.FileRecord> fileRecords(Backup backup) throws IOException {
        return backup.files().stream().map(s -> {
            try {
                String after = Files.exists(s.original()) ? FileState.sha256(s.original()) : "";
                return new HistoryEntry.FileRecord(s.original().toString(), s.sha256(), after);
            } catch (IOException e) {
                return new HistoryEntry.FileRecord(s.original().toString(), s.sha256(), "unreadable");
            }
        }).toList();
    }

    /** Writes next to the target and renames over it, keeping the original's mode and owner unless changed. */
    private static void write(FileChange change) throws IOException {
        Path target = change.path();
        if (change.newContent() != null) {
            Path staging = target.resolveSibling("." + target.getFileName() + ".strata-fix-new");
            Files.write(staging, change.newContent());
            if (Files.exists(target)) {
                var attrs = FileState.attributes(target);
                Files.setPosixFilePermissions(staging, attrs.permissions());
                FileState.setOwner(staging, attrs.owner().getName(), attrs.group().getName());
            }
            Files.move(staging, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        if (change.newMode() != null) {
            FileState.setMode(target, change.newMode());
        }
        if (change.newGroup() != null) {
            FileState.setOwner(target, null, change.newGroup());
        }
    }
}

package dev.strata.fixes.repair;

import java.util.List;

/** One line of the repair journal ({@code <state.dir>/history.jsonl}). */
public record HistoryEntry(String id, String time, String problem, String description, Outcome outcome, String detail,
                           String backupDir, FollowUp followUp, List<FileRecord> files) {

    public enum Outcome {
        /** Changed, validated, applied and verified. */
        APPLIED,
        /** Verification or validation failed; the originals were restored byte-for-byte. */
        ROLLED_BACK,
        /** An operator undid an applied repair with `rollback`. */
        UNDONE
    }

    public record FileRecord(String path, String sha256Before, String sha256After) {
    }
}

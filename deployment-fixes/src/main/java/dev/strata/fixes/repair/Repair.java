package dev.strata.fixes.repair;

import java.time.Duration;
import java.util.List;

/**
 * One repair: the smallest file changes, a validation of the changed files before anything uses
 * them, and the least disruptive action that applies them. {@link RepairRunner} owns the backup,
 * verification and rollback so every repair gets them the same way.
 */
public interface Repair {

    /** The exact change, in one line, as shown by diagnose and fix --dry-run. */
    String description();

    default List<FileChange> changes() {
        return List.of();
    }

    /** Checks the changed files before anything uses them (e.g. nginx -t). */
    default void validate() throws RepairException {
    }

    /** Makes the running system use the change (reload rather than restart where possible). */
    default void apply() throws RepairException {
    }

    /** What must run after the files are restored so the running system matches them again. */
    default FollowUp afterRestore() {
        return FollowUp.NONE;
    }

    /** How long the symptom may take to disappear (a backend start takes longer than a reload). */
    default Duration verifyTimeout() {
        return Duration.ofSeconds(10);
    }
}

package dev.strata.fixes.cli;

import dev.strata.fixes.check.Status;

/**
 * Exit codes of every command, following the monitoring-plugins convention so diagnose and check
 * can run unchanged from a monitoring system.
 * <ul>
 * <li>{@code diagnose}, {@code check}: the verdict (worst finding).</li>
 * <li>{@code fix}: 0 every targeted problem is repaired or there was nothing to do; 1 problems remain
 * that need a human (no automatic repair, or the operator declined); 2 a repair failed and was
 * rolled back; 3 bad usage or configuration. {@code fix --dry-run}: 0 nothing to do, 1 repairs planned
 * or problems remain.</li>
 * <li>{@code history}: 0. {@code rollback}: 0 restored; 2 refused or failed; 3 unknown entry id.</li>
 * </ul>
 */
public enum ExitCode {
    OK(0), WARNING(1), CRITICAL(2), UNKNOWN(3);

    public final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public static int of(Status status) {
        return status.code;
    }
}

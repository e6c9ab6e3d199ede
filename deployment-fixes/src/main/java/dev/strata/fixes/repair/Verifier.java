package dev.strata.fixes.repair;

import dev.strata.fixes.check.Check;
import dev.strata.fixes.check.Finding;
import java.time.Duration;

/**
 * Decides whether a repair removed the symptom. The default re-runs the check that found the
 * problem until the problem is gone or the repair's timeout passes.
 */
@FunctionalInterface
public interface Verifier {

    boolean isResolved(Check check, Finding before, Duration timeout);

    static Verifier rerunCheck() {
        return (check, before, timeout) -> {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                Finding after = check.run();
                if (isResolved(before, after)) {
                    return true;
                }
                if (System.nanoTime() > deadline) {
                    return false;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        };
    }

    /**
     * The problem is gone when the check is OK, or when only a lesser, different problem remains
     * (a started backend that waits for its database is "not ready", no longer "down").
     */
    static boolean isResolved(Finding before, Finding after) {
        return after.isOk() || !before.problem().equals(after.problem())
                && (after.status() == dev.strata.fixes.check.Status.WARNING);
    }
}

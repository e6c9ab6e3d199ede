package dev.strata.monitoring.e2e;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stopping a process the way its service manager would: SIGTERM, wait, and only then SIGKILL. */
final class ChildProcesses {

    private ChildProcesses() {
    }

    /**
     * Sends SIGTERM and waits up to {@code grace}; a process that ignores it is killed together with
     * its children (the server's embedded PostgreSQL must not outlive the test).
     *
     * @return true when the process exited within the grace period
     */
    static boolean stopGracefully(Process process, Duration grace) {
        if (!process.isAlive()) {
            return true;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        return false;
    }
}

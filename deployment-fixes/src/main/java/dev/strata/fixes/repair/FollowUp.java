package dev.strata.fixes.repair;

/** Actions replayed after files are restored (automatic rollback or `rollback`); stored by name in history. */
public enum FollowUp {
    /** Nothing reads the file until the next restart (environment file, unit file under the process manager). */
    NONE,
    /** nginx -t, then reload nginx if it runs: the restored site becomes the running one again. */
    RELOAD_NGINX,
    /** The service manager re-reads unit files (systemctl daemon-reload). */
    RELOAD_UNITS,
    /** Restart the backend if it runs, so it reads the restored environment file (its only reader is start-up). */
    RESTART_BACKEND
}

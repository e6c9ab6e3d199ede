package dev.strata.fixes.backend;

import dev.strata.fixes.config.FixConfig;

/** The memory server's systemd unit as the host layout defines it, rendered from the configuration. */
public final class UnitTemplate {
    private UnitTemplate() {
    }

    public static String render(FixConfig config) {
        return """
                [Unit]
                Description=Strata memory server
                After=network-online.target
                Wants=network-online.target

                [Service]
                Type=simple
                User=%1$s
                Group=%1$s
                EnvironmentFile=%2$s
                ExecStart=%3$s -jar %4$s
                # The JVM exits with 143 on SIGTERM: a clean stop, not a failure.
                SuccessExitStatus=143
                Restart=on-failure
                RestartSec=5

                [Install]
                WantedBy=multi-user.target
                """.formatted(config.get("backend.user"), config.get("env.file"), config.get("backend.java"), config.get("backend.jar"));
    }
}

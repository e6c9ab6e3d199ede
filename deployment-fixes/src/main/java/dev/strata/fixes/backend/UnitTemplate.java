package dev.strata.fixes.backend;

import dev.strata.fixes.config.ConfigException;
import dev.strata.fixes.config.FixConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The memory server's known-good systemd unit. When the infrastructure program installs a copy
 * ({@code backend.unit-template}), that copy is the truth; otherwise the unit the host layout
 * defines is rendered from the configuration (kept in step with the infrastructure's strata.service).
 */
public final class UnitTemplate {
    private UnitTemplate() {
    }

    public static String render(FixConfig config) {
        var installed = config.optional("backend.unit-template");
        if (installed.isPresent()) {
            try {
                return Files.readString(Path.of(installed.get()));
            } catch (IOException e) {
                throw new ConfigException("backend.unit-template", installed.get(), "a readable unit file (" + e.getMessage() + ")");
            }
        }
        return """
                [Unit]
                Description=Strata tiered memory server
                Wants=network-online.target
                After=network-online.target

                [Service]
                Type=simple
                User=%1$s
                Group=%1$s
                EnvironmentFile=%2$s
                WorkingDirectory=%5$s
                ExecStart=%3$s -XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError -jar %4$s
                # 143 = terminated by SIGTERM, the normal way systemd stops a JVM.
                SuccessExitStatus=143
                Restart=on-failure
                RestartSec=5
                TimeoutStopSec=60
                NoNewPrivileges=true
                ProtectSystem=strict
                ProtectHome=true
                PrivateTmp=true
                PrivateDevices=true
                ReadWritePaths=%5$s
                LimitNOFILE=65536

                [Install]
                WantedBy=multi-user.target
                """.formatted(config.get("backend.user"), config.get("env.file"), config.get("backend.java"), config.get("backend.jar"),
                config.get("backend.working-dir"));
    }
}

package dev.strata.fixes;

import dev.strata.fixes.config.FixConfig;
import dev.strata.fixes.env.EnvFile;
import dev.strata.fixes.env.SecretMasker;
import dev.strata.fixes.nginx.NginxControl;
import dev.strata.fixes.service.ProcessServiceManager;
import dev.strata.fixes.service.ServiceManager;
import dev.strata.fixes.service.SystemdServiceManager;
import dev.strata.fixes.system.CommandRunner;
import dev.strata.fixes.system.HttpProbe;
import java.io.IOException;
import java.util.Map;

/** What checks and repairs need to reach the host, built once from the configuration. */
public record HostContext(FixConfig config, CommandRunner commands, HttpProbe http, ServiceManager services,
                          NginxControl nginx, SecretMasker masker) {

    public static HostContext from(FixConfig config) {
        CommandRunner commands = new CommandRunner(30);
        ServiceManager services = config.get("service.manager").equals("process")
                ? new ProcessServiceManager(config, commands)
                : new SystemdServiceManager(commands, config.get("systemd.systemctl"));
        return new HostContext(config, commands, new HttpProbe(config.integer("http.timeout-ms")), services,
                new NginxControl(config, commands), SecretMasker.from(readableEnv(config)));
    }

    /** The environment file's values for masking; unreadable means there is nothing of it to leak. */
    private static Map<String, String> readableEnv(FixConfig config) {
        try {
            return EnvFile.read(config.path("env.file")).values();
        } catch (IOException e) {
            return Map.of();
        }
    }
}

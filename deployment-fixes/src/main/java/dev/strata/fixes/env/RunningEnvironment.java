package dev.strata.fixes.env;

import dev.strata.fixes.HostContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The environment of the running memory server, read only after the process is positively identified. */
final class RunningEnvironment {

    private final HostContext host;

    RunningEnvironment(HostContext host) {
        this.host = host;
    }

    Optional<Map<String, String>> read() {
        var status = host.services().status(host.config().get("backend.service"));
        var process = status.mainProcess().filter(p -> p.matches(host.config().get("backend.process-match")));
        if (process.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(process.get().pid()), "environ"));
            Map<String, String> env = new HashMap<>();
            for (String entry : new String(raw, StandardCharsets.UTF_8).split("\0")) {
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    env.put(entry.substring(0, eq), entry.substring(eq + 1));
                }
            }
            return Optional.of(env);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

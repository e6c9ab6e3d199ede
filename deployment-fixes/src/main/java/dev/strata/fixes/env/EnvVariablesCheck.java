package dev.strata.fixes.env;

import dev.strata.fixes.HostContext;
import dev.strata.fixes.check.Area;
import dev.strata.fixes.check.Check;
import dev.strata.fixes.check.Finding;
import dev.strata.fixes.check.Status;
import dev.strata.fixes.repair.FileChange;
import dev.strata.fixes.repair.Repair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Required variables in the environment file. The only trustworthy source for a lost value is the
 * running server's own environment (it was started from the file before the values went missing);
 * the repair restores exactly those variables from there and never invents a value.
 */
public final class EnvVariablesCheck implements Check {

    private final HostContext host;

    public EnvVariablesCheck(HostContext host) {
        this.host = host;
    }

    @Override
    public String name() {
        return "env.variables";
    }

    @Override
    public Area area() {
        return Area.ENV;
    }

    @Override
    public Finding run() {
        Path file = host.config().path("env.file");
        EnvFile env;
        try {
            env = Files.exists(file) ? EnvFile.read(file) : EnvFile.parse("");
        } catch (IOException e) {
            return Finding.manual(name(), area(), Status.UNKNOWN, "env-unreadable", "cannot read " + file, List.of(e.getClass().getSimpleName()),
                    "insufficient privileges", "run strata-fix as root");
        }
        List<String> missing = host.config().list("env.required").stream().filter(k -> !env.hasValue(k)).toList();
        if (missing.isEmpty()) {
            return Finding.ok(name(), area(), "all required variables set in " + file, List.of());
        }
        String summary = "required variables missing from " + file + ": " + String.join(", ", missing);
        List<String> evidence = List.of(Files.exists(file) ? "absent or empty in " + file + ": " + missing : "file " + file + " does not exist");
        Optional<Map<String, String>> running = new RunningEnvironment(host).read();
        if (running.isPresent() && running.get().keySet().containsAll(missing)) {
            Map<String, String> restored = new LinkedHashMap<>();
            missing.forEach(k -> restored.put(k, running.get().get(k)));
            return Finding.problem(name(), area(), Status.CRITICAL, "env-missing-vars", summary,
                    append(evidence, "the running server's environment still has " + missing),
                    "the file was overwritten or edited after the server started", new RestoreVariables(file, env, restored));
        }
        return Finding.manual(name(), area(), Status.CRITICAL, "env-missing-vars", summary,
                append(evidence, running.isPresent() ? "the running server lacks them too" : "no running server to recover them from"),
                "the file was written incompletely", "re-fetch the values from AWS Secrets Manager into " + file);
    }

    private static List<String> append(List<String> list, String item) {
        return java.util.stream.Stream.concat(list.stream(), java.util.stream.Stream.of(item)).toList();
    }

    private record RestoreVariables(Path file, EnvFile env, Map<String, String> restored) implements Repair {
        @Override
        public String description() {
            return "restore " + restored.keySet() + " in " + file + " from the running server's environment (values masked)";
        }

        @Override
        public List<FileChange> changes() {
            String text = env.text();
            for (var e : restored.entrySet()) {
                text = EnvFile.parse(text).withValue(e.getKey(), e.getValue());
            }
            return List.of(Files.exists(file) ? FileChange.content(file, text, true)
                    : FileChange.createWithMode(file, text, "0640", null, true));
        }
    }
}

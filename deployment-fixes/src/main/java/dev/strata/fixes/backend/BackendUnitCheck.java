package dev.strata.fixes.backend;

import dev.strata.fixes.HostContext;
import dev.strata.fixes.check.Area;
import dev.strata.fixes.check.Check;
import dev.strata.fixes.check.Finding;
import dev.strata.fixes.check.Status;
import dev.strata.fixes.repair.FileChange;
import dev.strata.fixes.repair.FollowUp;
import dev.strata.fixes.repair.Repair;
import dev.strata.fixes.repair.RepairException;
import dev.strata.fixes.service.ServiceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The memory server's unit file: present, pointing at the right jar, environment file and user,
 * and accepted by systemd-analyze verify. A corrected unit is not restarted into: the running
 * server keeps serving and picks the unit up at its next (planned) restart.
 */
public final class BackendUnitCheck implements Check {

    private final HostContext host;
    private final UnitVerifier verifier;

    public BackendUnitCheck(HostContext host) {
        this.host = host;
        this.verifier = new UnitVerifier(host.commands(), host.config().get("systemd.analyze"));
    }

    @Override
    public String name() {
        return "backend.unit";
    }

    @Override
    public Area area() {
        return Area.BACKEND;
    }

    @Override
    public Finding run() {
        Path unit = host.config().path("backend.unit-file");
        if (!Files.exists(unit)) {
            return Finding.problem(name(), area(), Status.CRITICAL, "backend-unit-missing", "unit file " + unit + " is missing",
                    List.of("no file " + unit), "the unit was deleted or never installed", new WriteUnit(unit, false));
        }
        List<String> evidence = new ArrayList<>();
        try {
            String text = Files.readString(unit);
            Map<String, String> expected = Map.of(
                    "ExecStart", host.config().get("backend.jar"),
                    "EnvironmentFile", host.config().get("env.file"),
                    "User", host.config().get("backend.user"));
            expected.forEach((directive, value) -> {
                var line = text.lines().filter(l -> l.strip().startsWith(directive + "=")).findFirst();
                if (line.isEmpty()) {
                    evidence.add(directive + "= is missing (expected " + value + ")");
                } else if (!line.get().contains(value)) {
                    evidence.add(line.get().strip() + " (expected " + value + ")");
                }
            });
        } catch (IOException e) {
            evidence.add("cannot read " + unit + ": " + e.getMessage());
        }
        verifier.problems(unit).ifPresent(p -> evidence.add("systemd-analyze verify: " + p));
        if (evidence.isEmpty()) {
            String how = verifier.isAvailable() ? "systemd-analyze verify passes" : "directives match (systemd-analyze not installed)";
            return Finding.ok(name(), area(), unit + ": " + how, List.of());
        }
        return Finding.problem(name(), area(), Status.CRITICAL, "backend-unit-wrong", "unit file " + unit + " is wrong", evidence,
                "the unit differs from the host layout", new WriteUnit(unit, true));
    }

    private final class WriteUnit implements Repair {
        private final Path unit;
        private final boolean exists;

        WriteUnit(Path unit, boolean exists) {
            this.unit = unit;
            this.exists = exists;
        }

        @Override
        public String description() {
            return (exists ? "rewrite " : "create ") + unit + " from the host-layout template, systemd-analyze verify, "
                    + "reload unit files (the running server is not restarted)";
        }

        @Override
        public List<FileChange> changes() {
            String text = UnitTemplate.render(host.config());
            return List.of(exists ? FileChange.content(unit, text, false) : FileChange.createWithMode(unit, text, "0644", null, false));
        }

        @Override
        public void validate() throws RepairException {
            var problems = verifier.problems(unit);
            if (problems.isPresent()) {
                throw new RepairException("systemd-analyze verify rejects the new unit: " + problems.get());
            }
        }

        @Override
        public void apply() throws RepairException {
            try {
                host.services().reloadUnits();
            } catch (ServiceException e) {
                throw new RepairException(e.getMessage());
            }
        }

        @Override
        public FollowUp afterRestore() {
            return FollowUp.RELOAD_UNITS;
        }
    }
}

package dev.strata.fixes.env;

import dev.strata.fixes.HostContext;
import dev.strata.fixes.check.Area;
import dev.strata.fixes.check.Check;
import dev.strata.fixes.check.Finding;
import dev.strata.fixes.check.Status;
import dev.strata.fixes.repair.FileChange;
import dev.strata.fixes.repair.FileState;
import dev.strata.fixes.repair.Repair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;

/** The environment file holds secrets: owner root, group strata, mode 0640, nothing for others. */
public final class EnvPermissionsCheck implements Check {

    private static final String EXPECTED_MODE = "0640";

    private final HostContext host;

    public EnvPermissionsCheck(HostContext host) {
        this.host = host;
    }

    @Override
    public String name() {
        return "env.permissions";
    }

    @Override
    public Area area() {
        return Area.ENV;
    }

    @Override
    public Finding run() {
        Path file = host.config().path("env.file");
        if (!Files.exists(file)) {
            return Finding.ok(name(), area(), "no environment file (reported by env.variables)", List.of());
        }
        PosixFileAttributes attrs;
        try {
            attrs = FileState.attributes(file);
        } catch (IOException e) {
            return Finding.manual(name(), area(), Status.UNKNOWN, "env-unreadable", "cannot stat " + file, List.of(e.toString()),
                    "insufficient privileges", "run strata-fix as root");
        }
        String mode = FileState.mode(attrs.permissions());
        String group = attrs.group().getName();
        String wantedGroup = host.config().get("env.group");
        boolean others = attrs.permissions().stream().anyMatch(p -> p.name().startsWith("OTHERS"));
        boolean groupWrite = attrs.permissions().contains(PosixFilePermission.GROUP_WRITE);
        boolean groupExists = FileState.groupExists(file, wantedGroup);
        boolean wrongGroup = groupExists && !group.equals(wantedGroup);
        if (!others && !groupWrite && !wrongGroup) {
            return Finding.ok(name(), area(), file + " mode " + mode + " " + attrs.owner().getName() + ":" + group, List.of());
        }
        List<String> evidence = new ArrayList<>();
        evidence.add(file + " mode " + mode + " owner " + attrs.owner().getName() + ":" + group + " (expected " + EXPECTED_MODE
                + " root:" + wantedGroup + ")");
        if (!groupExists) {
            evidence.add("group " + wantedGroup + " does not exist on this host: group left unchanged");
        }
        Status status = others ? Status.CRITICAL : Status.WARNING;
        String summary = others ? "environment file is readable by others: secrets exposed to every local user"
                : "environment file has the wrong group or is group-writable";
        String newGroup = wrongGroup ? wantedGroup : null;
        return Finding.problem(name(), area(), status, "env-permissions", summary, evidence,
                "the file was copied or edited with a permissive umask", new Restrict(file, newGroup));
    }

    private record Restrict(Path file, String group) implements Repair {
        @Override
        public String description() {
            return "chmod " + EXPECTED_MODE + (group != null ? " and chgrp " + group : "") + " " + file
                    + " (the server reads it at its next start; nothing is restarted)";
        }

        @Override
        public List<FileChange> changes() {
            return List.of(FileChange.permissions(file, EXPECTED_MODE, group));
        }
    }
}

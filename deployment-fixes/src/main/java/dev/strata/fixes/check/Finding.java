package dev.strata.fixes.check;

import dev.strata.fixes.repair.Repair;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one check found. {@code problem} is the stable problem id (`fix <problem-id>`), absent when
 * the check is OK. {@code repair} is the exact change `fix` would make; absent when the repair is
 * manual (then {@code manualAction} says what a human must do).
 */
public record Finding(String check, Area area, Status status, String problem, String summary,
                      List<String> evidence, String cause, Optional<Repair> repair, String manualAction) {

    public Finding {
        Objects.requireNonNull(check);
        Objects.requireNonNull(status);
        evidence = List.copyOf(evidence);
        if (status != Status.OK && problem == null) {
            throw new IllegalArgumentException(check + ": a non-OK finding needs a problem id");
        }
    }

    public static Finding ok(String check, Area area, String summary, List<String> evidence) {
        return new Finding(check, area, Status.OK, null, summary, evidence, null, Optional.empty(), null);
    }

    public static Finding problem(String check, Area area, Status status, String problem, String summary,
                                  List<String> evidence, String cause, Repair repair) {
        return new Finding(check, area, status, problem, summary, evidence, cause, Optional.of(repair), null);
    }

    public static Finding manual(String check, Area area, Status status, String problem, String summary,
                                 List<String> evidence, String cause, String manualAction) {
        return new Finding(check, area, status, problem, summary, evidence, cause, Optional.empty(), manualAction);
    }

    public boolean isOk() {
        return status == Status.OK;
    }

    public String repairText() {
        return repair.map(Repair::description).orElse(manualAction == null ? "none needed" : "manual: " + manualAction);
    }
}

package dev.strata.fixes.check;

import java.util.List;

/** The findings of a run and the one-line verdict. */
public record Diagnosis(List<Finding> findings) {

    public Diagnosis {
        findings = List.copyOf(findings);
    }

    public Status verdict() {
        return findings.stream().map(Finding::status).reduce(Status.OK, Status::worst);
    }

    public long count(Status status) {
        return findings.stream().filter(f -> f.status() == status).count();
    }

    public String verdictLine() {
        return "STRATA " + verdict() + " - " + count(Status.CRITICAL) + " critical, " + count(Status.WARNING)
                + " warning, " + count(Status.UNKNOWN) + " unknown, " + count(Status.OK) + " ok";
    }
}

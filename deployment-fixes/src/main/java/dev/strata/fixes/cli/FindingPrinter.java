package dev.strata.fixes.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strata.fixes.check.Diagnosis;
import dev.strata.fixes.check.Finding;
import dev.strata.fixes.env.SecretMasker;
import java.io.PrintWriter;

/** Prints findings as text (one line per check, details indented) or JSON; every string goes through the masker. */
final class FindingPrinter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PrintWriter out;
    private final SecretMasker masker;

    FindingPrinter(PrintWriter out, SecretMasker masker) {
        this.out = out;
        this.masker = masker;
    }

    /**
     * One line per check, then the verdict. {@code verdictFirst} repeats the verdict as the first
     * line too, because monitoring systems show a plugin's first line as its status.
     */
    void text(Diagnosis diagnosis, boolean verdictFirst) {
        if (verdictFirst) {
            out.println(diagnosis.verdictLine());
        }
        for (Finding f : diagnosis.findings()) {
            String problem = f.problem() == null ? "" : " [" + f.problem() + "]";
            out.printf("%-8s %-16s %s%s%n", f.status(), f.check(), masker.mask(f.summary()), problem);
            if (!f.isOk()) {
                f.evidence().forEach(e -> out.println("         evidence: " + masker.mask(e)));
                out.println("         cause:    " + masker.mask(f.cause()));
                out.println("         repair:   " + masker.mask(f.repairText()));
            }
        }
        out.println(diagnosis.verdictLine());
        out.flush();
    }

    void json(Diagnosis diagnosis) {
        ObjectNode root = JSON.createObjectNode();
        root.put("verdict", diagnosis.verdict().name());
        root.put("exitCode", diagnosis.verdict().code);
        root.put("summary", diagnosis.verdictLine());
        ArrayNode findings = root.putArray("findings");
        for (Finding f : diagnosis.findings()) {
            ObjectNode node = findings.addObject();
            node.put("check", f.check());
            node.put("area", f.area().id());
            node.put("status", f.status().name());
            node.put("problem", f.problem());
            node.put("summary", masker.mask(f.summary()));
            ArrayNode evidence = node.putArray("evidence");
            f.evidence().forEach(e -> evidence.add(masker.mask(e)));
            node.put("cause", masker.mask(f.cause()));
            node.put("repair", f.isOk() ? null : masker.mask(f.repairText()));
            node.put("automaticRepair", f.repair().isPresent());
        }
        try {
            out.println(JSON.writeValueAsString(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
        out.flush();
    }
}

package dev.strata.infra.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The offline plan: runs the program under mocks with {@code Pulumi.<stack>.yaml} and writes
 * {@code plan.json} (the resource graph) and {@code summary.txt} (counts and cost) to the output
 * directory. Artefacts are stood in by placeholder files; secrets by placeholders shown as [secret].
 *
 * <pre>./mvnw -B -q -pl infrastructure test-compile exec:exec@plan -Dplan.stack=prod</pre>
 *
 * Exit codes: 0 written, 1 the program refused the stack config, 2 bad arguments.
 */
public final class PlanCommand {
    private PlanCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        String stack = options.get("--stack");
        String out = options.get("--out");
        if (args.length % 2 != 0 || stack == null || out == null || !stack.matches("[A-Za-z0-9_.-]+")) {
            System.err.println("usage: PlanCommand --stack <name> --out <directory>");
            return 2;
        }
        Path stackFile = ShippedStacks.repositoryRoot().resolve("Pulumi." + stack + ".yaml");
        if (!Files.isRegularFile(stackFile)) {
            System.err.println("no stack config " + stackFile + " (create it with pulumi stack init " + stack + ")");
            return 2;
        }
        Path outDir = Path.of(out).toAbsolutePath();
        Path standIns = outDir.resolve("stand-ins");
        Map<String, String> config = new HashMap<>(StackConfigFile.read(stackFile));
        config.putAll(StandInArtifacts.create(standIns));
        RecordedStack run = StackRun.run(stack, config);
        if (!run.errors().isEmpty()) {
            run.errors().forEach(error -> System.err.println("error: " + error));
            return 1;
        }
        String summary = PlanSummary.render(stack, run);
        try {
            Files.writeString(outDir.resolve("plan.json"), PlanJson.render(run, standIns));
            Files.writeString(outDir.resolve("summary.txt"), summary);
        } catch (IOException cannotWrite) {
            System.err.println("cannot write to " + outDir + ": " + cannotWrite.getMessage());
            return 2;
        }
        System.out.print(summary);
        System.out.println("\nwrote " + outDir.resolve("plan.json") + " and " + outDir.resolve("summary.txt"));
        return 0;
    }
}

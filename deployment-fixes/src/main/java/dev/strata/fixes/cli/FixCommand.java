package dev.strata.fixes.cli;

import dev.strata.fixes.HostContext;
import dev.strata.fixes.check.Area;
import dev.strata.fixes.check.Check;
import dev.strata.fixes.check.CheckRegistry;
import dev.strata.fixes.check.Finding;
import dev.strata.fixes.repair.DiffRenderer;
import dev.strata.fixes.repair.FileChange;
import dev.strata.fixes.repair.History;
import dev.strata.fixes.repair.HistoryEntry;
import dev.strata.fixes.repair.RepairLock;
import dev.strata.fixes.repair.RepairRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Repairs what diagnose finds, one problem at a time, re-diagnosing after each repair because one
 * repair can resolve or reveal another (a fixed config lets nginx start).
 */
@Command(name = "fix", description = "Repair problems (all, one area, or one problem id); --dry-run shows the plan and diffs only.")
final class FixCommand implements Callable<Integer> {

    private static final int MAX_REPAIRS = 20;

    @ParentCommand
    StrataFix app;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "AREA|PROBLEM-ID", description = "an area (nginx, backend, ...) or a problem id")
    String target;

    @Option(names = "--dry-run", description = "print the plan and unified diffs (secrets masked); change nothing")
    boolean dryRun;

    @Option(names = {"-y", "--yes"}, description = "do not ask for confirmation")
    boolean yes;

    @Override
    public Integer call() throws IOException {
        Optional<Area> area = target == null ? Optional.empty() : Area.parse(target);
        if (target != null && area.isEmpty() && !CheckRegistry.PROBLEM_IDS.contains(target)) {
            throw new CliException("unknown area or problem id '" + target + "' (areas: env, deps, host, backend, nginx, frontend; "
                    + "problem ids: see diagnose)");
        }
        HostContext host = app.host();
        try {
            return repair(host, area);
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }

    /** Taken just before the first change, so a fix with nothing to do creates no file at all. */
    private RepairLock lock;

    private void lock(HostContext host) throws IOException {
        if (lock == null) {
            Path state = host.config().path("state.dir");
            lock = RepairLock.tryAcquire(state).orElseThrow(() -> new CliException(
                    "another strata-fix is repairing this host (lock " + state.resolve("repair.lock") + ")"));
        }
    }

    private int repair(HostContext host, Optional<Area> area) throws IOException {
        List<Check> checks = area.map(a -> CheckRegistry.of(host, a)).orElseGet(() -> CheckRegistry.all(host));
        PrintWriter out = spec.commandLine().getOut();
        RepairRunner runner = new RepairRunner(host, new History(host.config().path("state.dir")), app.verifier(), app.clock());
        DiffRenderer diffs = new DiffRenderer(host.masker());
        Set<String> attempted = new HashSet<>();
        boolean rolledBack = false;
        boolean declined = false;
        for (int i = 0; i < MAX_REPAIRS; i++) {
            Optional<Planned> next = nextRepair(checks, attempted);
            if (next.isEmpty()) {
                break;
            }
            Finding finding = next.get().finding();
            attempted.add(finding.problem());
            printPlan(out, host, diffs, finding);
            if (dryRun) {
                continue;
            }
            if (!yes && !confirm(out)) {
                out.println("  skipped: not confirmed");
                declined = true;
                continue;
            }
            lock(host);
            HistoryEntry entry = runner.run(next.get().check(), finding);
            out.println("  " + entry.outcome() + " (history id " + entry.id() + ", backup " + entry.backupDir() + "): "
                    + host.masker().mask(entry.detail()));
            rolledBack |= entry.outcome() == HistoryEntry.Outcome.ROLLED_BACK;
            out.flush();
        }
        List<Finding> remaining = checks.stream().map(Check::run).filter(f -> !f.isOk()).filter(this::isTargeted).toList();
        return summarize(out, host, attempted, remaining, rolledBack, declined);
    }

    private record Planned(Check check, Finding finding) {
    }

    private Optional<Planned> nextRepair(List<Check> checks, Set<String> attempted) {
        for (Check check : checks) {
            Finding f = check.run();
            if (!f.isOk() && f.repair().isPresent() && isTargeted(f) && !attempted.contains(f.problem())) {
                return Optional.of(new Planned(check, f));
            }
        }
        return Optional.empty();
    }

    private boolean isTargeted(Finding f) {
        return target == null || Area.parse(target).isPresent() || target.equals(f.problem());
    }

    private void printPlan(PrintWriter out, HostContext host, DiffRenderer diffs, Finding finding) throws IOException {
        out.println((dryRun ? "WOULD FIX " : "FIX ") + finding.problem() + ": " + host.masker().mask(finding.summary()));
        out.println("  repair: " + host.masker().mask(finding.repairText()));
        for (FileChange change : finding.repair().orElseThrow().changes()) {
            for (String line : diffs.render(change)) {
                out.println("  " + line);
            }
        }
        out.flush();
    }

    private boolean confirm(PrintWriter out) throws IOException {
        out.print("  apply this repair? [y/N] ");
        out.flush();
        String answer = app.operator().readLine();
        return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
    }

    private int summarize(PrintWriter out, HostContext host, Set<String> attempted, List<Finding> remaining, boolean rolledBack,
                          boolean declined) {
        if (attempted.isEmpty() && remaining.isEmpty()) {
            out.println("nothing to repair: every targeted check is OK");
            out.flush();
            return ExitCode.OK.code;
        }
        for (Finding f : remaining) {
            if (dryRun && attempted.contains(f.problem())) {
                continue;
            }
            out.println("REMAINING " + f.status() + " " + f.problem() + ": " + host.masker().mask(f.summary()) + " -> "
                    + host.masker().mask(f.repairText()));
        }
        if (dryRun) {
            out.println("dry run: " + attempted.size() + " repair(s) planned, nothing was changed");
            out.flush();
            return attempted.isEmpty() && remaining.isEmpty() ? ExitCode.OK.code : ExitCode.WARNING.code;
        }
        out.flush();
        if (rolledBack) {
            return ExitCode.CRITICAL.code;
        }
        return remaining.isEmpty() && !declined ? ExitCode.OK.code : ExitCode.WARNING.code;
    }
}

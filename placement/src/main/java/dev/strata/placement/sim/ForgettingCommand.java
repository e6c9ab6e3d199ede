package dev.strata.placement.sim;

import dev.strata.placement.PolicyRegistry;

import dev.strata.placement.AccessEvent;
import dev.strata.placement.EvictionSink;
import dev.strata.placement.PlacementPolicy;
import dev.strata.placement.PolicyConfig;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Workload shift A → B → A: does the learned policy come back to its first hit ratio on A after
 * training on B? A is a skewed Zipf over one key range; B is a loop over a disjoint range, so the two ask
 * for opposite decisions. Forgetting rate = (hit ratio A₁ − hit ratio A₂) / hit ratio A₁; target < 15 %.
 *
 * <p>Run: {@code ./mvnw -B -q -pl placement exec:java -Dexec.args="forgetting"}
 */
@Command(name = "forgetting", mixinStandardHelpOptions = true,
    description = "Measures the learned policy's hit-ratio loss on workload A after a detour through B.")
final class ForgettingCommand implements Callable<Integer> {
  static final double TARGET_FORGETTING_RATE = 0.15;

  @Spec
  CommandSpec spec;

  @Option(names = "--phase-requests", defaultValue = "500000")
  int phaseRequests;

  @Option(names = "--keys", defaultValue = "20000")
  int keys;

  @Option(names = "--capacity", defaultValue = "1000")
  long capacity;

  @Option(names = "--policies", split = ",", defaultValue = "learned,wtinylfu,lru")
  List<String> policies;

  @Option(names = "--seed", defaultValue = "42")
  long seed;

  /** Hit ratios of the three phases for one policy. */
  record Phases(String policy, double firstA, double b, double secondA) {
    double forgettingRate() {
      return firstA == 0 ? 0 : (firstA - secondA) / firstA;
    }
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.println("| policy | hit ratio A1 | hit ratio B | hit ratio A2 | forgetting rate |");
    out.println("|---|---:|---:|---:|---:|");
    boolean isWithinTarget = true;
    for (String name : policies) {
      Phases phases = run(name, phaseRequests, keys, capacity, seed);
      out.printf(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.2f %% |%n", name, phases.firstA(), phases.b(),
          phases.secondA(), 100 * phases.forgettingRate());
      if (name.equals("learned")) {
        isWithinTarget = phases.forgettingRate() < TARGET_FORGETTING_RATE;
      }
    }
    out.println(isWithinTarget ? "OK: learned forgetting rate below 15 %" : "MISSED: learned forgot more than 15 %");
    return (isWithinTarget ? ExitCode.OK : ExitCode.TARGET_MISSED).code();
  }

  static Phases run(String name, int phaseRequests, int keys, long capacity, long seed) {
    long[] a1 = SyntheticTraces.zipf(phaseRequests, keys, 1.0, 0, seed);
    long[] b = SyntheticTraces.loop(phaseRequests, (int) (capacity * 3 / 2), 10_000_000L);
    long[] a2 = SyntheticTraces.zipf(phaseRequests, keys, 1.0, 0, seed + 1);
    try (PlacementPolicy policy = PolicyRegistry.createOnline(name, PolicyConfig.forSimulation(capacity, seed))) {
      long[] time = {0};
      return new Phases(name, replay(policy, a1, time), replay(policy, b, time), replay(policy, a2, time));
    }
  }

  private static double replay(PlacementPolicy policy, long[] keys, long[] time) {
    long hits = 0;
    for (long key : keys) {
      hits += policy.record(AccessEvent.of(key, time[0]++), EvictionSink.IGNORE) ? 1 : 0;
    }
    return (double) hits / keys.length;
  }
}

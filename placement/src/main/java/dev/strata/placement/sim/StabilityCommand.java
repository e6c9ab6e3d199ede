package dev.strata.placement.sim;

import dev.strata.placement.AccessEvent;
import dev.strata.placement.EvictionSink;
import dev.strata.placement.ModelStatus;
import dev.strata.placement.PolicyConfig;
import dev.strata.placement.learned.LearnedPolicy;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Long-run stability of the learned policy: replays a synthetic Zipf workload whose hot set moves every
 * chunk and checks after each chunk that predictions stay in [0, 1], weights stay below a bound and the
 * training loss stays finite. Exit code {@link ExitCode#TARGET_MISSED} if any check fails.
 *
 * <p>Run: {@code ./mvnw -B -q -pl placement exec:java -Dexec.args="stability --requests 10000000"}
 */
@Command(name = "stability", mixinStandardHelpOptions = true,
    description = "Checks that the learned policy's weights and predictions stay bounded over a long run.")
final class StabilityCommand implements Callable<Integer> {
  /** Far above what L2-regularised, clipped training produces (~2 in our runs): a runaway detector. */
  static final float MAX_ABS_PARAMETER = 50f;
  private static final int CHUNK = 1_000_000;

  @Spec
  CommandSpec spec;

  @Option(names = "--requests", defaultValue = "10000000", description = "Requests (default: ${DEFAULT-VALUE}).")
  long requests;

  @Option(names = "--keys", defaultValue = "1000000", description = "Key space (default: ${DEFAULT-VALUE}).")
  int keys;

  @Option(names = "--capacity", defaultValue = "10000", description = "Cache entries (default: ${DEFAULT-VALUE}).")
  long capacity;

  @Option(names = "--seed", defaultValue = "42")
  long seed;

  @Override
  public Integer call() {
    if (requests < 1 || keys < 2 || capacity < 1) {
      throw new IllegalArgumentException("--requests, --keys and --capacity must be positive");
    }
    PrintWriter out = spec.commandLine().getOut();
    boolean isStable = true;
    long time = 0;
    try (LearnedPolicy learned = new LearnedPolicy(PolicyConfig.forSimulation(capacity, seed))) {
      out.println("| requests | hit ratio | model version | training loss | min prediction | max prediction"
          + " | max abs weight | model deciding |");
      out.println("|---:|---:|---:|---:|---:|---:|---:|---|");
      for (int chunk = 0; time < requests; chunk++) {
        int length = (int) Math.min(CHUNK, requests - time);
        // A new permutation of popularity per chunk: the hot set moves, training never settles.
        long[] keysOfChunk = SyntheticTraces.zipf(length, keys, 0.9, 0, seed + chunk);
        long hits = 0;
        for (long key : keysOfChunk) {
          hits += learned.record(AccessEvent.of(key, time++), EvictionSink.IGNORE) ? 1 : 0;
        }
        ModelStatus status = learned.modelStatus();
        float[] bounds = learned.stabilityBounds();
        boolean isChunkStable = bounds[2] < MAX_ABS_PARAMETER
            && (status.modelVersion() == 0 || Double.isFinite(status.lastTrainingLoss()))
            && (Float.isNaN(bounds[0]) || (bounds[0] >= 0f && bounds[1] <= 1f));
        isStable &= isChunkStable;
        out.printf(Locale.ROOT, "| %,d | %.4f | %d | %.5f | %.4f | %.4f | %.3f | %s |%n", time,
            (double) hits / length, status.modelVersion(), status.lastTrainingLoss(), bounds[0], bounds[1],
            bounds[2], status.isModelDeciding());
        out.flush();
      }
    }
    out.println(isStable ? "STABLE: weights and predictions stayed bounded"
        : "UNSTABLE: a bound was exceeded (see the table)");
    return (isStable ? ExitCode.OK : ExitCode.TARGET_MISSED).code();
  }
}

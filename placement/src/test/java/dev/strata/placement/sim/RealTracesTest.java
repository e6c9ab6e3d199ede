package dev.strata.placement.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.strata.placement.PolicyRegistry;
import dev.strata.placement.sim.trace.Trace;
import dev.strata.placement.sim.trace.TraceReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The two smallest public traces from {@code <repo>/../shared/traces} (never copied into the repo). Under
 * CI=true a missing directory fails the build; locally the test is skipped.
 */
class RealTracesTest {
  /** Maven runs tests with the module directory as working directory. */
  private static final Path TRACES = Path.of("..", "..", "shared", "traces");

  @ParameterizedTest
  @ValueSource(strings = {"lirs_gli.txt.xz", "lirs_cs.txt.xz"})
  void everyPolicyStaysBelowTheOptimumOnARealTrace(String file) throws Exception {
    Path path = TRACES.resolve(file);
    if (!"true".equals(System.getenv("CI"))) {
      assumeTrue(Files.exists(path), "traces not present at " + path.toAbsolutePath());
    }
    Trace trace = TraceReader.read(path);
    Simulator simulator = new Simulator(PolicyRegistry.names(), List.of(0.05, 0.1), new TierLatencies(1, 150), 42);
    List<SimulationResult> results = simulator.run(trace, done -> { });
    for (double size : new double[] {0.05, 0.1}) {
      List<SimulationResult> atSize = results.stream().filter(r -> r.sizeFraction() == size).toList();
      double optimum = atSize.getLast().hitRatio();
      assertThat(atSize.getLast().policy()).isEqualTo("opt");
      assertThat(optimum).isPositive();
      assertThat(atSize).allSatisfy(r -> assertThat(r.hitRatio()).isLessThanOrEqualTo(optimum));
    }
  }
}

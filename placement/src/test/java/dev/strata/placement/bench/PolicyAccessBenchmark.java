package dev.strata.placement.bench;

import dev.strata.placement.AccessEvent;
import dev.strata.placement.EvictionSink;
import dev.strata.placement.PlacementPolicy;
import dev.strata.placement.PolicyConfig;
import dev.strata.placement.PolicyRegistry;
import dev.strata.placement.sim.SyntheticTraces;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-access CPU cost of each policy: one {@code record} (hit or miss with its evictions) on a Zipf(0.9)
 * stream over 200 000 keys with a 2 000-entry budget (1 %), after a warm-up replay that lets the learned
 * policy train. The learned policy trains on its background thread here, as in the live tier, so the
 * number is its request path only (feature update, sampled-victim inference with the array copy).
 *
 * <p>Run: {@code ./mvnw -B -q -pl placement test-compile exec:exec -Dexec.executable=java
 * -Dexec.classpathScope=test -Dexec.args="-cp %classpath org.openjdk.jmh.Main PolicyAccessBenchmark"}
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class PolicyAccessBenchmark {
  private static final int KEYS = 200_000;
  private static final int CAPACITY = 2_000;
  private static final int REQUESTS = 1 << 20;

  @Param({"lru", "sieve", "s3fifo", "tinylfu", "wtinylfu", "learned"})
  String policyName;

  private PlacementPolicy policy;
  private long[] keys;
  private int index;
  private long time;

  @Setup(Level.Trial)
  public void setUp() {
    keys = SyntheticTraces.zipf(REQUESTS, KEYS, 0.9, 0, 42);
    policy = PolicyRegistry.createOnline(policyName,
        new PolicyConfig(CAPACITY, 42, Optional.empty(), true, 1));
    for (long key : keys) {
      policy.record(AccessEvent.of(key, time++), EvictionSink.IGNORE);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    System.out.println("\n" + policyName + " after benchmark: " + policy.modelStatus());
    policy.close();
  }

  @Benchmark
  public boolean record() {
    long key = keys[index];
    index = (index + 1) & (REQUESTS - 1);
    return policy.record(AccessEvent.of(key, time++), EvictionSink.IGNORE);
  }
}

package dev.strata.placement.bench;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.strata.placement.live.PolicyDrivenCache;
import dev.strata.placement.sim.SyntheticTraces;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Overhead of the live structure on get: {@link PolicyDrivenCache#get} (lock-free lookup plus one
 * locked policy update) against a raw Caffeine cache of the same size, both fully populated, Zipf keys.
 * {@code caffeine} is the baseline row; compare the others with it.
 *
 * <p>Run: {@code ./mvnw -B -q -pl placement test-compile exec:exec -Dexec.executable=java
 * -Dexec.classpathScope=test -Dexec.args="-cp %classpath org.openjdk.jmh.Main PolicyDrivenCacheBenchmark"}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Threads(2)
public class PolicyDrivenCacheBenchmark {
  private static final int KEYS = 10_000;
  private static final int MASK = (1 << 16) - 1;

  @Param({"caffeine", "lru", "sieve", "tinylfu", "learned"})
  String implementation;

  private Cache<String, String> caffeine;
  private PolicyDrivenCache<String, String> cache;
  private String[] keys;

  @State(Scope.Thread)
  public static class Cursor {
    int index = (int) (Thread.currentThread().threadId() * 7919);
  }

  @Setup(Level.Trial)
  public void setUp() {
    long[] ids = SyntheticTraces.zipf(MASK + 1, KEYS, 0.9, 0, 42);
    keys = new String[ids.length];
    for (int i = 0; i < ids.length; i++) {
      keys[i] = "tenant:key:" + ids[i];
    }
    if (implementation.equals("caffeine")) {
      caffeine = Caffeine.newBuilder().maximumSize(KEYS).build();
    } else {
      cache = PolicyDrivenCache.builder().policy(implementation).capacityBytes(KEYS).meanEntryBytes(1)
          .<String, String>build();
    }
    for (int i = 0; i < KEYS; i++) {
      String key = "tenant:key:" + i;
      if (caffeine != null) {
        caffeine.put(key, key);
      } else {
        cache.put(key, key, 1);
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (cache != null) {
      cache.close();
    }
  }

  @Benchmark
  public String get(Cursor cursor) {
    String key = keys[cursor.index++ & MASK];
    return caffeine != null ? caffeine.getIfPresent(key) : cache.get(key);
  }
}

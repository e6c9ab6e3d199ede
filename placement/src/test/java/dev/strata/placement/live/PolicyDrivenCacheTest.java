package dev.strata.placement.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.placement.RemovalCause;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyDrivenCacheTest {
  private final List<String> removals = new CopyOnWriteArrayList<>();

  private PolicyDrivenCache<String, String> cache(String policy, long capacityBytes) {
    return PolicyDrivenCache.builder().policy(policy).capacityBytes(capacityBytes).meanEntryBytes(10)
        .<String, String>removalListener((key, value, cause) -> removals.add(key + "=" + value + ":" + cause))
        .build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"lru", "sieve", "s3fifo", "tinylfu", "wtinylfu", "learned"})
  void staysWithinItsByteBudgetAndReportsEvictions(String policy) {
    try (PolicyDrivenCache<String, String> cache = cache(policy, 100)) {
      for (int i = 0; i < 200; i++) {
        cache.put("k" + (i % 40), "v" + i, 10);
        cache.get("k" + ThreadLocalRandom.current().nextInt(40));
        assertThat(cache.weightedSizeBytes()).isLessThanOrEqualTo(100);
      }
      cache.checkInvariants();
      assertThat(cache.entryCount()).isLessThanOrEqualTo(10);
      assertThat(cache.capacityBytes()).isEqualTo(100);
      assertThat(cache.policyName()).isEqualTo(policy);
      assertThat(removals).anyMatch(r -> r.endsWith(":EVICTED") || r.endsWith(":REJECTED"));
      assertThat(cache.stats().evictions()).isPositive();
    }
  }

  @Test
  void getPutReplaceRemoveAndClearNotifyWithTheirCause() {
    try (PolicyDrivenCache<String, String> cache = cache("lru", 100)) {
      assertThat(cache.get("a")).isNull();
      assertThat(cache.put("a", "1", 10)).isTrue();
      assertThat(cache.get("a")).isEqualTo("1");
      cache.put("a", "2", 20);
      assertThat(cache.get("a")).isEqualTo("2");
      assertThat(cache.weightedSizeBytes()).isEqualTo(20);
      assertThat(cache.put("huge", "x", 101)).isFalse();
      cache.put("b", "3", 10);
      assertThat(cache.remove("b")).isTrue();
      assertThat(cache.remove("b")).isFalse();
      cache.clear();
      assertThat(cache.entryCount()).isZero();
      assertThat(removals).containsExactly("a=1:REPLACED", "huge=x:OVERSIZED", "b=3:EXPLICIT", "a=2:EXPLICIT");
      CacheStats stats = cache.stats();
      assertThat(stats.hits()).isEqualTo(2);
      assertThat(stats.misses()).isEqualTo(1);
      assertThat(stats.hitRatio()).isEqualTo(2.0 / 3);
    }
  }

  @Test
  void peekAndForEachNeitherCountNorTouchThePolicy() {
    try (PolicyDrivenCache<String, String> cache = cache("lru", 20)) {
      cache.put("a", "1", 10);
      cache.put("b", "2", 10);
      // A get of "a" would make "b" the LRU victim; peeks must leave "a" the victim.
      assertThat(cache.peek("a")).isEqualTo("1");
      assertThat(cache.peek("missing")).isNull();
      java.util.Map<String, String> seen = new java.util.TreeMap<>();
      cache.forEach(seen::put);
      assertThat(seen).containsExactly(java.util.Map.entry("a", "1"), java.util.Map.entry("b", "2"));
      cache.put("c", "3", 10);
      assertThat(cache.peek("a")).isNull();
      assertThat(cache.peek("b")).isEqualTo("2");
      assertThat(cache.stats().hits()).isZero();
      assertThat(cache.stats().misses()).isZero();
    }
  }

  @Test
  void badConfigurationAndArgumentsAreRejectedWithTheirName() {
    assertThatThrownBy(() -> PolicyDrivenCache.builder().policy("opt").capacityBytes(10).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only runs in the simulator");
    assertThatThrownBy(() -> PolicyDrivenCache.builder().policy("nope").capacityBytes(10).build())
        .hasMessageContaining("unknown placement policy 'nope'");
    assertThatThrownBy(() -> PolicyDrivenCache.builder().capacityBytes(0).build())
        .hasMessageContaining("capacityBytes");
    try (PolicyDrivenCache<String, String> cache = cache("lru", 10)) {
      assertThatThrownBy(() -> cache.put("a", "b", 0)).hasMessageContaining("weightBytes");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sieve", "learned"})
  void concurrentReadersAndWritersKeepItConsistent(String policy) throws Exception {
    try (PolicyDrivenCache<String, String> cache = cache(policy, 5_000)) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> futures = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
          futures.add(pool.submit(() -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int i = 0; i < 20_000; i++) {
              String key = "tenant:" + random.nextInt(2000);
              if (cache.get(key) == null) {
                cache.put(key, "v", 1 + random.nextInt(20));
              }
              if (i % 1000 == 0) {
                cache.remove(key);
              }
            }
          }));
        }
        for (Future<?> future : futures) {
          future.get();
        }
      } finally {
        pool.shutdownNow();
      }
      cache.checkInvariants();
      assertThat(cache.weightedSizeBytes()).isLessThanOrEqualTo(5_000);
      assertThat(cache.stats().hits() + cache.stats().misses()).isEqualTo(80_000);
    }
  }

  @Test
  void learnedPolicyTrainsInTheBackgroundAndResumesFromItsCheckpoint(@TempDir Path checkpoint)
      throws Exception {
    long version;
    try (PolicyDrivenCache<String, String> cache = PolicyDrivenCache.builder().policy("learned")
        .capacityBytes(200).meanEntryBytes(1).checkpointDir(checkpoint).<String, String>build()) {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (cache.stats().modelStatus().modelVersion() < 3 && System.nanoTime() < deadline) {
        for (int i = 0; i < 10_000; i++) {
          String key = "k" + (int) Math.pow(random.nextInt(1, 1 << 12), 1.5) % 3000;
          if (cache.get(key) == null) {
            cache.put(key, "v", 1);
          }
        }
      }
      version = cache.stats().modelStatus().modelVersion();
      assertThat(version).isGreaterThanOrEqualTo(3);
    }
    try (PolicyDrivenCache<String, String> restarted = PolicyDrivenCache.builder().policy("learned")
        .capacityBytes(200).meanEntryBytes(1).checkpointDir(checkpoint).<String, String>build()) {
      assertThat(restarted.stats().modelStatus().modelVersion()).isGreaterThanOrEqualTo(version);
      // The replay buffer came back too: training after a restart still rehearses the old history.
      assertThat(restarted.stats().modelStatus().trainingSamples()).isPositive();
      assertThat(restarted.stats().policy()).isEqualTo("learned");
    }
  }
}

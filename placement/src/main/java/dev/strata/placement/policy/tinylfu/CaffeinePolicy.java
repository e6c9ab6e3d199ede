package dev.strata.placement.policy.tinylfu;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.strata.placement.AccessEvent;
import dev.strata.placement.EvictionSink;
import dev.strata.placement.policy.ControllablePolicy;
import dev.strata.placement.RemovalCause;
import java.util.ArrayList;
import java.util.List;

/**
 * Adapter that lets Caffeine's own adaptive W-TinyLFU (hill-climbed window, the production algorithm)
 * take part in simulations as the reference hand-made policy. Caffeine runs its maintenance on the
 * calling thread ({@code executor(Runnable::run)}) and reports evictions through a synchronous
 * listener, so after each call its resident set is exact.
 *
 * <p>Einziger, Eytan, Friedman, Manes: "Adaptive Software Cache Management", Middleware 2018.
 */
public final class CaffeinePolicy implements ControllablePolicy {
  private final Cache<Long, Integer> cache;
  private final long maximumWeight;
  private final List<Long> evictedDuringCall = new ArrayList<>();
  private long weightedSize;

  public CaffeinePolicy(long maximumWeight) {
    this.maximumWeight = maximumWeight;
    this.cache = Caffeine.newBuilder()
        .maximumWeight(maximumWeight)
        .<Long, Integer>weigher((key, weight) -> weight)
        .executor(Runnable::run)
        .evictionListener((Long key, Integer weight, com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
          weightedSize -= weight;
          evictedDuringCall.add(key);
        })
        .build();
  }

  @Override
  public String name() {
    return "tinylfu";
  }

  @Override
  public boolean contains(long key) {
    return cache.asMap().containsKey(key);
  }

  @Override
  public void onHit(AccessEvent event, EvictionSink evictions) {
    Integer weight = cache.getIfPresent(event.key());
    if (weight != null && weight != event.weight()) {
      put(event, evictions);
    }
  }

  @Override
  public boolean onMiss(AccessEvent event, EvictionSink evictions) {
    if (event.weight() > maximumWeight) {
      evictions.removed(event.key(), RemovalCause.OVERSIZED);
      return false;
    }
    return put(event, evictions);
  }

  private boolean put(AccessEvent event, EvictionSink evictions) {
    Integer previous = cache.asMap().put(event.key(), event.weight());
    weightedSize += event.weight() - (previous == null ? 0 : previous);
    cache.cleanUp();
    boolean isResident = true;
    for (Long key : evictedDuringCall) {
      boolean isSelf = key == event.key();
      isResident &= !isSelf;
      evictions.removed(key, isSelf ? RemovalCause.REJECTED : RemovalCause.EVICTED);
    }
    evictedDuringCall.clear();
    return isResident;
  }

  @Override
  public void insertAdmitted(AccessEvent event, EvictionSink evictions) {
    put(event, evictions);
  }

  /** Caffeine only counts a key's popularity once it is written; a refused key leaves no trace. */
  @Override
  public void recordRejected(AccessEvent event) {
  }

  @Override
  public void remove(long key) {
    Integer weight = cache.asMap().remove(key);
    if (weight != null) {
      weightedSize -= weight;
    }
  }

  @Override
  public long weightedSize() {
    return weightedSize;
  }

  @Override
  public long maximumWeight() {
    return maximumWeight;
  }

  @Override
  public int size() {
    return cache.asMap().size();
  }

  @Override
  public void checkInvariants() {
    long recomputed = cache.asMap().values().stream().mapToLong(Integer::longValue).sum();
    if (recomputed != weightedSize || weightedSize > maximumWeight) {
      throw new IllegalStateException("tracked " + weightedSize + ", recomputed " + recomputed
          + ", maximum " + maximumWeight);
    }
  }
}

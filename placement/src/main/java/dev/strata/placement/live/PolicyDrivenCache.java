package dev.strata.placement.live;

import dev.strata.placement.AccessEvent;
import dev.strata.placement.EvictionSink;
import dev.strata.placement.PlacementPolicy;
import dev.strata.placement.RemovalCause;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

/**
 * A thread-safe, byte-bounded cache whose contents are decided by any registered
 * {@link PlacementPolicy} — the structure the server's hot tier wraps. Caffeine's eviction cannot be
 * replaced, hence a purpose-built structure rather than a Caffeine cache.
 *
 * <p>Concurrency: values live in a {@link ConcurrentHashMap}, so a get finds its value without locking
 * and records the hit in a lossy striped {@link ReadBuffer}; the policy (not thread-safe) replays buffered
 * hits in batches under one lock, taken by a get only with {@code tryLock} (never waiting) and by every
 * write. Removal listeners run after the lock is released. Per-get overhead against raw
 * Caffeine is measured by {@code PolicyDrivenCacheBenchmark} (docs/benchmarks/placement.md).
 */
public final class PolicyDrivenCache<K, V> implements AutoCloseable {
  private record Entry<K, V>(K key, long id, V value, int weight, int keyGroup) {
  }

  private final ReadBuffer<Entry<K, V>> readBuffer = new ReadBuffer<>();

  private record Removal<K, V>(K key, V value, RemovalCause cause) {
  }

  private final ConcurrentHashMap<K, Entry<K, V>> data = new ConcurrentHashMap<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final PlacementPolicy policy;
  private final KeyIds<K> ids;
  private final RemovalListener<K, V> listener;
  private final KeyGroups<K> keyGroups;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder evictions = new LongAdder();
  /** Logical clock of policy-visible requests; guarded by {@link #lock}. */
  private long clock;

  PolicyDrivenCache(PlacementPolicy policy, RemovalListener<K, V> listener, KeyGroups<K> keyGroups,
                    int maxGhostKeys) {
    this.policy = policy;
    this.listener = listener;
    this.keyGroups = keyGroups;
    this.ids = new KeyIds<>(maxGhostKeys);
  }

  public static PolicyDrivenCacheBuilder<Object, Object> builder() {
    return new PolicyDrivenCacheBuilder<>();
  }

  /** The value, or null; a hit is reported to the policy (batched, see {@link ReadBuffer}). */
  public V get(K key) {
    Entry<K, V> entry = data.get(key);
    if (entry == null) {
      misses.increment();
      return null;
    }
    hits.increment();
    if (readBuffer.offer(entry) && lock.tryLock()) {
      List<Removal<K, V>> removed = new ArrayList<>(0);
      try {
        drainReadBuffer(sinkInto(removed));
      } finally {
        lock.unlock();
      }
      notify(removed);
    }
    return entry.value();
  }

  /**
   * The value without reporting an access to the policy or counting a hit: for callers that inspect an
   * entry (a version check before a conditional write, an expiry sweep) rather than serve it.
   */
  public V peek(K key) {
    Entry<K, V> entry = data.get(key);
    return entry == null ? null : entry.value();
  }

  /**
   * Visits every cached key and value without reporting accesses; weakly consistent like
   * {@link ConcurrentHashMap} iteration (entries added or removed meanwhile may or may not be seen).
   */
  public void forEach(BiConsumer<? super K, ? super V> action) {
    data.forEach((key, entry) -> action.accept(key, entry.value()));
  }

  /** Replays buffered hits into the policy; under the lock. */
  private void drainReadBuffer(EvictionSink sink) {
    readBuffer.drainTo(entry -> {
      // A hit buffered before its entry was removed or replaced is stale: skip it.
      if (data.get(entry.key()) == entry && policy.contains(entry.id())) {
        policy.onHit(new AccessEvent(entry.id(), entry.weight(), clock++, AccessEvent.UNKNOWN,
            entry.keyGroup()), sink);
      }
    });
  }

  /**
   * Offers a value. The policy may refuse it (the listener then sees {@link RemovalCause#REJECTED} or
   * {@link RemovalCause#OVERSIZED}) or evict others to make room.
   *
   * @param weightBytes the value's size, 1 or more
   * @return whether the value is cached afterwards
   */
  public boolean put(K key, V value, int weightBytes) {
    if (key == null || value == null) {
      throw new IllegalArgumentException("key and value must not be null");
    }
    if (weightBytes < 1) {
      throw new IllegalArgumentException("weightBytes must be >= 1 but was " + weightBytes);
    }
    List<Removal<K, V>> removed = new ArrayList<>(2);
    boolean isCached;
    lock.lock();
    try {
      EvictionSink sink = sinkInto(removed);
      drainReadBuffer(sink);
      Entry<K, V> previous = data.get(key);
      long now = clock++;
      if (previous != null && policy.contains(previous.id())) {
        Entry<K, V> replacement = new Entry<>(key, previous.id(), value, weightBytes, previous.keyGroup());
        data.put(key, replacement);
        removed.add(new Removal<>(key, previous.value(), RemovalCause.REPLACED));
        policy.onHit(new AccessEvent(previous.id(), weightBytes, now, AccessEvent.UNKNOWN,
            previous.keyGroup()), sink);
      } else {
        int keyGroup = keyGroups.of(key);
        long id = ids.idForInsert(key);
        data.put(key, new Entry<>(key, id, value, weightBytes, keyGroup));
        policy.onMiss(new AccessEvent(id, weightBytes, now, AccessEvent.UNKNOWN, keyGroup), sink);
      }
      isCached = data.containsKey(key);
    } finally {
      lock.unlock();
    }
    notify(removed);
    return isCached;
  }

  /** Removes the key; returns whether it was cached. */
  public boolean remove(K key) {
    Entry<K, V> entry;
    lock.lock();
    try {
      entry = data.remove(key);
      if (entry != null) {
        policy.remove(entry.id());
        ids.release(entry.id(), false);
      }
    } finally {
      lock.unlock();
    }
    if (entry != null) {
      listener.onRemoval(key, entry.value(), RemovalCause.EXPLICIT);
    }
    return entry != null;
  }

  /** Removes everything; each entry is reported as {@link RemovalCause#EXPLICIT}. */
  public void clear() {
    List<Removal<K, V>> removed = new ArrayList<>();
    lock.lock();
    try {
      for (Map.Entry<K, Entry<K, V>> mapping : data.entrySet()) {
        policy.remove(mapping.getValue().id());
        ids.release(mapping.getValue().id(), false);
        removed.add(new Removal<>(mapping.getKey(), mapping.getValue().value(), RemovalCause.EXPLICIT));
      }
      data.clear();
    } finally {
      lock.unlock();
    }
    notify(removed);
  }

  /**
   * Whether a value found in a lower tier should be promoted into this one; the learned policy declines
   * values it predicts will not be reused before they would be evicted.
   */
  public boolean shouldPromote(K key, int weightBytes) {
    if (weightBytes < 1) {
      throw new IllegalArgumentException("weightBytes must be >= 1 but was " + weightBytes);
    }
    lock.lock();
    try {
      Entry<K, V> entry = data.get(key);
      long id = entry != null ? entry.id() : -1;
      return entry != null || policy.shouldPromote(new AccessEvent(id, weightBytes, clock, AccessEvent.UNKNOWN,
          keyGroups.of(key)));
    } finally {
      lock.unlock();
    }
  }

  /** Up to {@code max} recently evicted keys the policy predicts will be requested soon. */
  public List<K> prefetchCandidates(int max) {
    lock.lock();
    try {
      List<K> keys = new ArrayList<>();
      for (long id : policy.prefetchCandidates(max)) {
        K key = ids.ghostKey(id);
        if (key != null) {
          keys.add(key);
        }
      }
      return keys;
    } finally {
      lock.unlock();
    }
  }

  public int entryCount() {
    return data.size();
  }

  public long weightedSizeBytes() {
    lock.lock();
    try {
      return policy.weightedSize();
    } finally {
      lock.unlock();
    }
  }

  public long capacityBytes() {
    return policy.maximumWeight();
  }

  public String policyName() {
    return policy.name();
  }

  public CacheStats stats() {
    lock.lock();
    try {
      return new CacheStats(policy.name(), hits.sum(), misses.sum(), evictions.sum(), policy.modelStatus());
    } finally {
      lock.unlock();
    }
  }

  /** Checks the policy's invariants and that it agrees with the stored values; for tests. */
  void checkInvariants() {
    lock.lock();
    try {
      policy.checkInvariants();
      if (policy.size() != data.size()) {
        throw new IllegalStateException("policy holds " + policy.size() + " keys, cache " + data.size());
      }
      for (Entry<K, V> entry : data.values()) {
        if (!policy.contains(entry.id())) {
          throw new IllegalStateException("cached id " + entry.id() + " unknown to the policy");
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Stops background training and writes the learned policy's checkpoint, if any. */
  @Override
  public void close() {
    lock.lock();
    try {
      policy.close();
    } finally {
      lock.unlock();
    }
  }

  /** Removes what the policy evicts from the data map; runs under the lock. */
  private EvictionSink sinkInto(List<Removal<K, V>> removed) {
    return (id, cause) -> {
      K key = ids.release(id, true);
      if (key == null) {
        return;
      }
      Entry<K, V> entry = data.remove(key);
      evictions.increment();
      if (entry != null) {
        removed.add(new Removal<>(key, entry.value(), cause));
      }
    };
  }

  private void notify(List<Removal<K, V>> removed) {
    for (Removal<K, V> removal : removed) {
      listener.onRemoval(removal.key(), removal.value(), removal.cause());
    }
  }
}

package dev.strata.placement.policy.opt;

import dev.strata.placement.AccessEvent;
import dev.strata.placement.EvictionSink;
import dev.strata.placement.PlacementPolicy;
import dev.strata.placement.RemovalCause;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Belady's offline optimum (MIN with bypass): evict the resident key whose next request is farthest
 * in the future, and do not admit a key that would itself be that victim. Needs every event's
 * {@link AccessEvent#nextAccessTime()}, so it exists only in the simulator, as the upper bound. With
 * unequal weights farthest-first is no longer exactly optimal (the problem becomes NP-hard); the
 * simulator reports it as the usual approximate bound there.
 *
 * <p>Belady: "A study of replacement algorithms for a virtual-storage computer", IBM Systems Journal 1966.
 */
public final class BeladyPolicy implements PlacementPolicy {
  /** Resident key with its next request time; ordered so that {@code last()} is the farthest. */
  private record Resident(long nextAccessTime, long key, int weight) implements Comparable<Resident> {
    @Override
    public int compareTo(Resident other) {
      int byTime = Long.compare(nextAccessTime, other.nextAccessTime);
      return byTime != 0 ? byTime : Long.compare(key, other.key);
    }
  }

  private final Map<Long, Resident> residents = new HashMap<>();
  private final TreeSet<Resident> byNextAccess = new TreeSet<>();
  private final long maximumWeight;
  private long weightedSize;

  public BeladyPolicy(long maximumWeight) {
    this.maximumWeight = maximumWeight;
  }

  @Override
  public String name() {
    return "opt";
  }

  @Override
  public boolean contains(long key) {
    return residents.containsKey(key);
  }

  @Override
  public void onHit(AccessEvent event, EvictionSink evictions) {
    requireFuture(event);
    remove(event.key());
    onMiss(event, evictions);
  }

  @Override
  public boolean onMiss(AccessEvent event, EvictionSink evictions) {
    requireFuture(event);
    if (event.weight() > maximumWeight) {
      evictions.removed(event.key(), RemovalCause.OVERSIZED);
      return false;
    }
    if (event.nextAccessTime() == AccessEvent.NEVER) {
      // Never requested again: caching it cannot produce a hit.
      evictions.removed(event.key(), RemovalCause.REJECTED);
      return false;
    }
    Resident candidate = new Resident(event.nextAccessTime(), event.key(), event.weight());
    while (weightedSize + candidate.weight() > maximumWeight) {
      Resident farthest = byNextAccess.last();
      if (farthest.compareTo(candidate) < 0) {
        evictions.removed(candidate.key(), RemovalCause.REJECTED);
        return false;
      }
      remove(farthest.key());
      evictions.removed(farthest.key(), RemovalCause.EVICTED);
    }
    residents.put(candidate.key(), candidate);
    byNextAccess.add(candidate);
    weightedSize += candidate.weight();
    return true;
  }

  private static void requireFuture(AccessEvent event) {
    if (!event.isFutureKnown()) {
      throw new IllegalArgumentException("the offline optimum needs nextAccessTime (simulator only)");
    }
  }

  @Override
  public void remove(long key) {
    Resident resident = residents.remove(key);
    if (resident != null) {
      byNextAccess.remove(resident);
      weightedSize -= resident.weight();
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
    return residents.size();
  }

  @Override
  public void checkInvariants() {
    long recomputed = byNextAccess.stream().mapToLong(Resident::weight).sum();
    if (byNextAccess.size() != residents.size() || recomputed != weightedSize
        || weightedSize > maximumWeight) {
      throw new IllegalStateException("opt tracks " + weightedSize + " / " + residents.size()
          + " but holds " + recomputed + " / " + byNextAccess.size());
    }
  }
}

package dev.strata.placement.policy.lru;

import dev.strata.placement.AccessEvent;
import dev.strata.placement.EvictionSink;
import dev.strata.placement.PlacementPolicy;
import dev.strata.placement.RemovalCause;
import dev.strata.placement.policy.Node;
import dev.strata.placement.policy.NodeDeque;
import dev.strata.placement.policy.ResidentIndex;

/**
 * Least recently used: the baseline every paper compares against. A hit moves the key to the head,
 * victims leave from the tail; every miss that fits is admitted.
 */
public final class LruPolicy implements PlacementPolicy {
  private final ResidentIndex index;
  private final NodeDeque queue = new NodeDeque();

  public LruPolicy(long maximumWeight) {
    this.index = new ResidentIndex(maximumWeight);
  }

  @Override
  public String name() {
    return "lru";
  }

  @Override
  public boolean contains(long key) {
    return index.contains(key);
  }

  @Override
  public void onHit(AccessEvent event, EvictionSink evictions) {
    Node node = index.get(event.key());
    if (node.weight != event.weight()) {
      if (!index.fits(event.weight())) {
        remove(event.key());
        evictions.removed(event.key(), RemovalCause.OVERSIZED);
        return;
      }
      index.reweigh(node.weight, event.weight());
      queue.reweigh(node, event.weight());
    }
    queue.moveToFront(node);
    evictUntilWithinBudget(evictions);
  }

  @Override
  public boolean onMiss(AccessEvent event, EvictionSink evictions) {
    if (!index.fits(event.weight())) {
      evictions.removed(event.key(), RemovalCause.OVERSIZED);
      return false;
    }
    Node node = new Node(event.key(), event.weight());
    index.add(node);
    queue.addFirst(node);
    evictUntilWithinBudget(evictions);
    return true;
  }

  private void evictUntilWithinBudget(EvictionSink evictions) {
    while (index.isOverBudget()) {
      Node victim = queue.pollLast();
      index.remove(victim.key);
      evictions.removed(victim.key, RemovalCause.EVICTED);
    }
  }

  @Override
  public void remove(long key) {
    Node node = index.remove(key);
    if (node != null) {
      queue.remove(node);
    }
  }

  @Override
  public long weightedSize() {
    return index.weightedSize();
  }

  @Override
  public long maximumWeight() {
    return index.maximumWeight();
  }

  @Override
  public int size() {
    return index.size();
  }

  @Override
  public void checkInvariants() {
    index.checkAgainst(queue);
  }
}

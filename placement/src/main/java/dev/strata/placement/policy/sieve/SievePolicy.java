package dev.strata.placement.policy.sieve;

import dev.strata.placement.AccessEvent;
import dev.strata.placement.EvictionSink;
import dev.strata.placement.PlacementPolicy;
import dev.strata.placement.RemovalCause;
import dev.strata.placement.policy.Node;
import dev.strata.placement.policy.NodeDeque;
import dev.strata.placement.policy.ResidentIndex;

/**
 * SIEVE: a FIFO queue plus one "visited" bit and a hand that sweeps from the tail towards the head,
 * sparing visited keys (clearing their bit) and evicting the first unvisited one. New keys enter at
 * the head and hits never move anything, which is why it is cheap and lazy-promotion friendly.
 *
 * <p>Zhang, Yang, Yue, Vigfusson, Rashmi: "SIEVE is Simpler than LRU: an Efficient Turn-Key Eviction
 * Algorithm for Web Caches", NSDI 2024.
 */
public final class SievePolicy implements PlacementPolicy {
  private final ResidentIndex index;
  private final NodeDeque queue = new NodeDeque();
  /** Next eviction candidate; null means "start again at the tail". */
  private Node hand;

  public SievePolicy(long maximumWeight) {
    this.index = new ResidentIndex(maximumWeight);
  }

  @Override
  public String name() {
    return "sieve";
  }

  @Override
  public boolean contains(long key) {
    return index.contains(key);
  }

  @Override
  public void onHit(AccessEvent event, EvictionSink evictions) {
    Node node = index.get(event.key());
    node.isVisited = true;
    if (node.weight != event.weight()) {
      if (!index.fits(event.weight())) {
        remove(event.key());
        evictions.removed(event.key(), RemovalCause.OVERSIZED);
        return;
      }
      index.reweigh(node.weight, event.weight());
      queue.reweigh(node, event.weight());
      evictUntilWithinBudget(evictions);
    }
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
      Node victim = sweepToVictim();
      remove(victim.key);
      evictions.removed(victim.key, RemovalCause.EVICTED);
    }
  }

  /** Advances the hand past visited nodes (clearing them) and returns the first unvisited one. */
  private Node sweepToVictim() {
    Node candidate = hand == null ? queue.peekLast() : hand;
    while (candidate.isVisited) {
      candidate.isVisited = false;
      candidate = candidate.newer() == null ? queue.peekLast() : candidate.newer();
    }
    // remove() then moves the hand one step towards the head, where the sweep resumes next time.
    hand = candidate;
    return candidate;
  }

  @Override
  public void remove(long key) {
    Node node = index.remove(key);
    if (node != null) {
      if (hand == node) {
        hand = node.newer();
      }
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
    if (hand != null && index.get(hand.key) != hand) {
      throw new IllegalStateException("hand points at non-resident key " + hand.key);
    }
  }
}

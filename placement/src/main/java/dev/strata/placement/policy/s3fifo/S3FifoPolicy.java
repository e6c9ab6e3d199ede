package dev.strata.placement.policy.s3fifo;

import dev.strata.placement.AccessEvent;
import dev.strata.placement.EvictionSink;
import dev.strata.placement.PlacementPolicy;
import dev.strata.placement.RemovalCause;
import dev.strata.placement.policy.Node;
import dev.strata.placement.policy.NodeDeque;
import dev.strata.placement.policy.ResidentIndex;
import java.util.LinkedHashSet;
import java.util.SequencedSet;

/**
 * S3-FIFO: a small FIFO (10 % of the budget) filters one-hit wonders, a main FIFO with a 2-bit
 * frequency counter and lazy reinsertion holds the rest, and a ghost FIFO of recently filtered keys
 * sends a returning key straight to main.
 *
 * <p>Yang, Zhang, Qiu, Yue, Rashmi: "FIFO queues are all you need for cache eviction", SOSP 2023.
 */
public final class S3FifoPolicy implements PlacementPolicy {
  private static final int SMALL = 0;
  private static final int MAIN = 1;
  private static final int MAX_FREQUENCY = 3;

  private final ResidentIndex index;
  private final NodeDeque small = new NodeDeque();
  private final NodeDeque main = new NodeDeque();
  private final SequencedSet<Long> ghost = new LinkedHashSet<>();
  private final long smallTargetWeight;
  /** The paper sizes the ghost like main, in entries; we bound it by the entry count seen so far. */
  private int ghostCapacity;

  public S3FifoPolicy(long maximumWeight) {
    this.index = new ResidentIndex(maximumWeight);
    this.smallTargetWeight = Math.max(1, maximumWeight / 10);
  }

  @Override
  public String name() {
    return "s3fifo";
  }

  @Override
  public boolean contains(long key) {
    return index.contains(key);
  }

  @Override
  public void onHit(AccessEvent event, EvictionSink evictions) {
    Node node = index.get(event.key());
    node.frequency = Math.min(node.frequency + 1, MAX_FREQUENCY);
    if (node.weight != event.weight()) {
      if (!index.fits(event.weight())) {
        remove(event.key());
        evictions.removed(event.key(), RemovalCause.OVERSIZED);
        return;
      }
      index.reweigh(node.weight, event.weight());
      queueOf(node).reweigh(node, event.weight());
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
    boolean wasGhost = ghost.remove(event.key());
    node.queue = wasGhost ? MAIN : SMALL;
    index.add(node);
    queueOf(node).addFirst(node);
    ghostCapacity = Math.max(ghostCapacity, index.size());
    evictUntilWithinBudget(evictions);
    return index.contains(event.key());
  }

  private void evictUntilWithinBudget(EvictionSink evictions) {
    while (index.isOverBudget()) {
      if (small.weight() >= smallTargetWeight || main.isEmpty()) {
        evictFromSmall(evictions);
      } else {
        evictFromMain(evictions);
      }
    }
  }

  /** Keys hit while in small graduate to main; the others leave and are remembered in the ghost. */
  private void evictFromSmall(EvictionSink evictions) {
    Node tail = small.pollLast();
    if (tail.frequency > 1) {
      tail.queue = MAIN;
      tail.frequency = 0;
      main.addFirst(tail);
      return;
    }
    index.remove(tail.key);
    rememberInGhost(tail.key);
    evictions.removed(tail.key, RemovalCause.EVICTED);
  }

  /** Lazy promotion: a key with frequency left is reinserted with one less, else evicted. */
  private void evictFromMain(EvictionSink evictions) {
    Node tail = main.pollLast();
    if (tail.frequency > 0) {
      tail.frequency--;
      main.addFirst(tail);
      return;
    }
    index.remove(tail.key);
    evictions.removed(tail.key, RemovalCause.EVICTED);
  }

  private void rememberInGhost(long key) {
    ghost.add(key);
    while (ghost.size() > ghostCapacity) {
      ghost.removeFirst();
    }
  }

  private NodeDeque queueOf(Node node) {
    return node.queue == SMALL ? small : main;
  }

  @Override
  public void remove(long key) {
    Node node = index.remove(key);
    if (node != null) {
      queueOf(node).remove(node);
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
    index.checkAgainst(small, main);
    if (ghost.size() > Math.max(ghostCapacity, 0)) {
      throw new IllegalStateException("ghost holds " + ghost.size() + " > " + ghostCapacity);
    }
  }
}

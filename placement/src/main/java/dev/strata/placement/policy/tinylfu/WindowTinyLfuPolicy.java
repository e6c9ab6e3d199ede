package dev.strata.placement.policy.tinylfu;

import dev.strata.placement.AccessEvent;
import dev.strata.placement.EvictionSink;
import dev.strata.placement.PlacementPolicy;
import dev.strata.placement.RemovalCause;
import dev.strata.placement.policy.Node;
import dev.strata.placement.policy.NodeDeque;
import dev.strata.placement.policy.ResidentIndex;

/**
 * W-TinyLFU with an adaptive admission window (starting at 1 %, hill-climbed by {@link WindowClimber}):
 * a small LRU window, then a segmented LRU main space (20 % probation, 80 % protected) guarded by a
 * TinyLFU duel — a key leaving the window enters main only
 * if the sketch says it is more popular than main's victim. Written here (rather than only adapting
 * Caffeine) because the learned policy needs a fallback that mirrors its own resident set and accepts
 * externally chosen victims; {@code CaffeinePolicy} is the reference it is compared against.
 *
 * <p>Einziger, Eytan, Friedman, Manes: "Adaptive Software Cache Management", Middleware 2018;
 * Einziger, Friedman, Manes: "TinyLFU: A Highly Efficient Cache Admission Policy", ACM ToS 2017.
 */
public final class WindowTinyLfuPolicy implements PlacementPolicy {
  private static final int WINDOW = 0;
  private static final int PROBATION = 1;
  private static final int PROTECTED = 2;

  private final ResidentIndex index;
  private final NodeDeque window = new NodeDeque();
  private final NodeDeque probation = new NodeDeque();
  private final NodeDeque protectedQueue = new NodeDeque();
  private final FrequencySketch sketch;
  private final WindowClimber climber;
  private long windowMaximum;
  private long protectedMaximum;
  private long mainMaximum;

  public WindowTinyLfuPolicy(long maximumWeight) {
    this(maximumWeight, maximumWeight);
  }

  /** @param expectedEntries entries a full cache holds (differs from the budget for byte budgets) */
  public WindowTinyLfuPolicy(long maximumWeight, long expectedEntries) {
    this.index = new ResidentIndex(maximumWeight);
    this.sketch = new FrequencySketch(Math.min(expectedEntries, 1 << 20));
    this.climber = new WindowClimber(maximumWeight, Math.min(expectedEntries, 1 << 20));
    resizeWindow(Math.max(1, maximumWeight / 100));
  }

  private void resizeWindow(long newWindowMaximum) {
    windowMaximum = newWindowMaximum;
    mainMaximum = Math.max(1, index.maximumWeight() - windowMaximum);
    protectedMaximum = mainMaximum * 8 / 10;
  }

  private void climb(boolean isHit) {
    long next = climber.record(isHit, windowMaximum);
    if (next != windowMaximum) {
      resizeWindow(next);
    }
  }

  @Override
  public String name() {
    return "wtinylfu";
  }

  @Override
  public boolean contains(long key) {
    return index.contains(key);
  }

  /** Sketch estimate, exposed so the learned policy can reuse it as a feature and for admission. */
  public int frequency(long key) {
    return sketch.frequency(key);
  }

  @Override
  public void onHit(AccessEvent event, EvictionSink evictions) {
    sketch.increment(event.key());
    climb(true);
    Node node = index.get(event.key());
    if (node.weight != event.weight()) {
      if (!index.fits(event.weight())) {
        remove(event.key());
        evictions.removed(event.key(), RemovalCause.OVERSIZED);
        return;
      }
      index.reweigh(node.weight, event.weight());
      queueOf(node).reweigh(node, event.weight());
    }
    switch (node.queue) {
      case WINDOW -> window.moveToFront(node);
      case PROBATION -> promoteToProtected(node);
      default -> protectedQueue.moveToFront(node);
    }
    evictUntilWithinBudget(evictions);
  }

  @Override
  public boolean onMiss(AccessEvent event, EvictionSink evictions) {
    sketch.increment(event.key());
    climb(false);
    if (!index.fits(event.weight())) {
      evictions.removed(event.key(), RemovalCause.OVERSIZED);
      return false;
    }
    Node node = new Node(event.key(), event.weight());
    node.queue = WINDOW;
    index.add(node);
    window.addFirst(node);
    sketch.ensureCapacity(index.size());
    while (window.weight() > windowMaximum) {
      duelForMain(window.pollLast(), evictions);
    }
    evictUntilWithinBudget(evictions);
    return index.contains(event.key());
  }

  /** The window's oldest key enters probation only by beating main's victims on frequency. */
  private void duelForMain(Node candidate, EvictionSink evictions) {
    int candidateFrequency = sketch.frequency(candidate.key);
    while (probation.weight() + protectedQueue.weight() + candidate.weight > mainMaximum) {
      Node victim = probation.isEmpty() ? protectedQueue.peekLast() : probation.peekLast();
      if (victim == null) {
        break;
      }
      if (candidateFrequency > sketch.frequency(victim.key)) {
        remove(victim.key);
        evictions.removed(victim.key, RemovalCause.EVICTED);
      } else {
        index.remove(candidate.key);
        evictions.removed(candidate.key, RemovalCause.REJECTED);
        return;
      }
    }
    candidate.queue = PROBATION;
    probation.addFirst(candidate);
  }

  private void promoteToProtected(Node node) {
    probation.remove(node);
    node.queue = PROTECTED;
    protectedQueue.addFirst(node);
    while (protectedQueue.weight() > protectedMaximum && protectedQueue.size() > 1) {
      Node demoted = protectedQueue.pollLast();
      demoted.queue = PROBATION;
      probation.addFirst(demoted);
    }
  }

  private void evictUntilWithinBudget(EvictionSink evictions) {
    while (protectedQueue.weight() > protectedMaximum && protectedQueue.size() > 1) {
      Node demoted = protectedQueue.pollLast();
      demoted.queue = PROBATION;
      probation.addFirst(demoted);
    }
    while (index.isOverBudget()) {
      Node victim = victim();
      remove(victim.key);
      evictions.removed(victim.key, RemovalCause.EVICTED);
    }
  }

  /** Whom plain eviction would pick next: probation's LRU, then protected's, then the window's. */
  public Node victim() {
    Node victim = probation.peekLast();
    if (victim == null) {
      victim = protectedQueue.peekLast();
    }
    return victim == null ? window.peekLast() : victim;
  }

  /** Inserts a key the caller already admitted (and made room for), skipping the admission duel. */
  public void insertAdmitted(AccessEvent event) {
    sketch.increment(event.key());
    climb(false);
    Node node = new Node(event.key(), event.weight());
    node.queue = PROBATION;
    index.add(node);
    probation.addFirst(node);
    sketch.ensureCapacity(index.size());
  }

  /** Counts a miss the caller decided not to admit, so popularity and window tuning stay calibrated. */
  public void recordRejected(AccessEvent event) {
    sketch.increment(event.key());
    climb(false);
  }

  private NodeDeque queueOf(Node node) {
    return switch (node.queue) {
      case WINDOW -> window;
      case PROBATION -> probation;
      default -> protectedQueue;
    };
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
    index.checkAgainst(window, probation, protectedQueue);
  }
}

package dev.strata.placement.policy;

/**
 * A resident key in one of a policy's intrusive queues. Mutable and owned by exactly one policy; the
 * per-algorithm fields ({@link #frequency}, {@link #isVisited}, {@link #queue}) are used by the
 * algorithms that need them and ignored by the others.
 */
public final class Node {
  public final long key;
  public int weight;
  public int frequency;
  public boolean isVisited;
  /** Which of a policy's queues holds this node; meaning is private to the policy. */
  public int queue;
  Node prev;
  Node next;

  public Node(long key, int weight) {
    this.key = key;
    this.weight = weight;
  }

  /** Towards the head (most recent end). */
  public Node newer() {
    return prev;
  }

  /** Towards the tail (oldest end). */
  public Node older() {
    return next;
  }
}

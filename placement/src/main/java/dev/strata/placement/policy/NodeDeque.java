package dev.strata.placement.policy;

/**
 * An intrusive doubly linked queue of {@link Node}s with a tracked total weight. Head = most recently
 * added, tail = oldest. O(1) add, remove and move; no allocation beyond the nodes themselves.
 */
public final class NodeDeque {
  private Node head;
  private Node tail;
  private int size;
  private long weight;

  public void addFirst(Node node) {
    node.prev = null;
    node.next = head;
    if (head == null) {
      tail = node;
    } else {
      head.prev = node;
    }
    head = node;
    size++;
    weight += node.weight;
  }

  public void remove(Node node) {
    if (node.prev == null) {
      head = node.next;
    } else {
      node.prev.next = node.next;
    }
    if (node.next == null) {
      tail = node.prev;
    } else {
      node.next.prev = node.prev;
    }
    node.prev = null;
    node.next = null;
    size--;
    weight -= node.weight;
  }

  public void moveToFront(Node node) {
    if (head != node) {
      remove(node);
      addFirst(node);
    }
  }

  /** Adjusts the tracked weight when a member node's weight changes. */
  public void reweigh(Node node, int newWeight) {
    weight += newWeight - node.weight;
    node.weight = newWeight;
  }

  public Node peekFirst() {
    return head;
  }

  public Node peekLast() {
    return tail;
  }

  public Node pollLast() {
    Node last = tail;
    if (last != null) {
      remove(last);
    }
    return last;
  }

  public int size() {
    return size;
  }

  public long weight() {
    return weight;
  }

  public boolean isEmpty() {
    return head == null;
  }

  /** Recomputes the weight by walking the queue; for invariant checks only. */
  public long recomputeWeight() {
    long total = 0;
    int count = 0;
    for (Node node = head; node != null; node = node.next) {
      total += node.weight;
      count++;
    }
    if (count != size) {
      throw new IllegalStateException("queue size " + size + " but " + count + " linked nodes");
    }
    return total;
  }
}

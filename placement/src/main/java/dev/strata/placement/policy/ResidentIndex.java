package dev.strata.placement.policy;

import java.util.HashMap;
import java.util.Map;

/**
 * Key → node lookup plus the policy-wide weight bookkeeping every linked policy needs, with the
 * invariant check the conformance tests call after every request.
 */
public final class ResidentIndex {
  private final Map<Long, Node> nodes = new HashMap<>();
  private final long maximumWeight;
  private long weightedSize;

  public ResidentIndex(long maximumWeight) {
    this.maximumWeight = maximumWeight;
  }

  public Node get(long key) {
    return nodes.get(key);
  }

  public boolean contains(long key) {
    return nodes.containsKey(key);
  }

  public void add(Node node) {
    nodes.put(node.key, node);
    weightedSize += node.weight;
  }

  public Node remove(long key) {
    Node node = nodes.remove(key);
    if (node != null) {
      weightedSize -= node.weight;
    }
    return node;
  }

  /** Accounts for a resident node's weight change; the caller updates the queue it sits in. */
  public void reweigh(int oldWeight, int newWeight) {
    weightedSize += newWeight - oldWeight;
  }

  public boolean isOverBudget() {
    return weightedSize > maximumWeight;
  }

  public boolean fits(int weight) {
    return weight <= maximumWeight;
  }

  public long weightedSize() {
    return weightedSize;
  }

  public long maximumWeight() {
    return maximumWeight;
  }

  public int size() {
    return nodes.size();
  }

  /** Throws when the budget or the recomputed totals of the given queues disagree with the index. */
  public void checkAgainst(NodeDeque... queues) {
    long recomputed = 0;
    int count = 0;
    for (NodeDeque queue : queues) {
      long queueWeight = queue.recomputeWeight();
      if (queueWeight != queue.weight()) {
        throw new IllegalStateException("queue tracks " + queue.weight() + " but holds " + queueWeight);
      }
      recomputed += queueWeight;
      count += queue.size();
    }
    if (recomputed != weightedSize || count != nodes.size()) {
      throw new IllegalStateException("index tracks " + nodes.size() + " keys / " + weightedSize
          + " weight but queues hold " + count + " / " + recomputed);
    }
    if (weightedSize > maximumWeight) {
      throw new IllegalStateException("weighted size " + weightedSize + " > maximum " + maximumWeight);
    }
  }
}

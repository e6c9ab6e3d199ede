package dev.strata.placement.learned;

import java.util.ArrayDeque;

/**
 * Turns observed futures into training labels. A sample is a snapshot of an item's features at some
 * time; its label is the (scaled) gap until the item's next request, known when that request arrives,
 * or "beyond the horizon" once the sample is older than the horizon without one. Pending samples are
 * bounded: at most one per tracked item, and the queue is capped.
 */
final class LabelWindow {
  private record Pending(ItemHistory item, long sampleTime) {
  }

  private final FeatureExtractor extractor;
  private final ReplayBuffer replay;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private final int maxPending;

  LabelWindow(FeatureExtractor extractor, ReplayBuffer replay, int maxPending) {
    this.extractor = extractor;
    this.replay = replay;
    this.maxPending = maxPending;
  }

  /** Snapshots {@code item}'s features at {@code now} unless it already has a pending sample. */
  void sample(ItemHistory item, long now) {
    if (item.pendingSampleTime >= 0 || pending.size() >= maxPending) {
      return;
    }
    if (item.pendingFeatures == null) {
      item.pendingFeatures = new float[FeatureExtractor.FEATURES];
    }
    extractor.extract(item, now, item.pendingFeatures);
    item.pendingSampleTime = now;
    pending.addLast(new Pending(item, now));
  }

  /** Call before recording the request: labels the item's pending sample with the observed gap. */
  void onRequest(ItemHistory item, long now) {
    if (item.pendingSampleTime >= 0) {
      replay.add(item.pendingFeatures, extractor.label(now - item.pendingSampleTime));
      item.pendingSampleTime = -1;
    }
  }

  /** Labels every sample older than the horizon as "not requested again in time". */
  void expire(long now) {
    long horizon = extractor.horizon();
    while (!pending.isEmpty() && now - pending.peekFirst().sampleTime() >= horizon) {
      Pending oldest = pending.pollFirst();
      ItemHistory item = oldest.item();
      if (item.pendingSampleTime == oldest.sampleTime()) {
        replay.add(item.pendingFeatures, 1f);
        item.pendingSampleTime = -1;
      }
    }
    // Entries whose sample was already labelled by a request are dropped lazily here.
    while (!pending.isEmpty() && pending.peekFirst().item().pendingSampleTime != pending.peekFirst().sampleTime()) {
      pending.pollFirst();
    }
  }

  int pendingCount() {
    return pending.size();
  }
}

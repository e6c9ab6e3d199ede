package dev.strata.placement.learned;

/**
 * What the learned policy remembers about one key: its access history (for features) and where it sits
 * in the resident sample array. Mutable, owned by one policy, touched under the caller's lock.
 */
final class ItemHistory {
  static final int DELTAS = 3;

  final long key;
  int weight;
  int keyGroup;
  long lastAccessTime = -1;
  /** Most recent inter-arrival gaps, newest first; 0 = not seen. */
  final long[] deltas = new long[DELTAS];
  final float[] decayedCounts = new float[FeatureExtractor.HALF_LIVES.length];
  long accessCount;
  int evictionCount;
  /** Features valid at {@link #lastAccessTime} except recency, refreshed on every access. */
  final float[] staticFeatures = new float[FeatureExtractor.FEATURES];
  /** Position in the resident array, -1 when not resident. */
  int residentSlot = -1;
  /** Time a training sample was taken and awaits its label, -1 if none pending. */
  long pendingSampleTime = -1;
  float[] pendingFeatures;

  ItemHistory(long key) {
    this.key = key;
  }

  boolean isResident() {
    return residentSlot >= 0;
  }

  /** Records an access at {@code now}: shifts the gaps and decays-then-bumps the counters. */
  void recordAccess(long now, int newWeight, int newKeyGroup) {
    if (lastAccessTime >= 0) {
      long gap = now - lastAccessTime;
      System.arraycopy(deltas, 0, deltas, 1, DELTAS - 1);
      deltas[0] = Math.max(1, gap);
      for (int i = 0; i < decayedCounts.length; i++) {
        decayedCounts[i] *= (float) Math.exp(-gap / FeatureExtractor.HALF_LIVES[i]);
      }
    }
    for (int i = 0; i < decayedCounts.length; i++) {
      decayedCounts[i] += 1f;
    }
    lastAccessTime = now;
    weight = newWeight;
    keyGroup = newKeyGroup;
    accessCount++;
  }
}

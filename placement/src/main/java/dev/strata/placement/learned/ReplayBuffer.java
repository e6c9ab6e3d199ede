package dev.strata.placement.learned;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * Experience replay: labelled samples for training, bounded, in two halves. The fresh half is a ring of
 * the latest samples (tracks the current workload); the reservoir half keeps a uniform sample of
 * everything ever seen (Vitter's algorithm R), so a minibatch always rehearses older workloads too and
 * the network does not forget them after a shift (the A→B→A test measures this).
 *
 * <p>Written by the request thread, read by the trainer thread; both critical sections are array copies.
 */
final class ReplayBuffer {
  private final int features;
  private final int halfCapacity;
  private final float[] freshInputs;
  private final float[] freshLabels;
  private final float[] reservoirInputs;
  private final float[] reservoirLabels;
  private final SplittableRandom random;
  private long added;
  private int freshCount;
  private int reservoirCount;

  ReplayBuffer(int capacity, int features, long seed) {
    if (capacity < 2) {
      throw new IllegalArgumentException("replay capacity must be >= 2 but was " + capacity);
    }
    this.features = features;
    this.halfCapacity = capacity / 2;
    this.freshInputs = new float[halfCapacity * features];
    this.freshLabels = new float[halfCapacity];
    this.reservoirInputs = new float[halfCapacity * features];
    this.reservoirLabels = new float[halfCapacity];
    this.random = new SplittableRandom(seed);
  }

  synchronized void add(float[] input, float label) {
    int ring = (int) (added % halfCapacity);
    System.arraycopy(input, 0, freshInputs, ring * features, features);
    freshLabels[ring] = label;
    freshCount = Math.min(freshCount + 1, halfCapacity);
    long seen = ++added;
    int slot = seen <= halfCapacity ? (int) (seen - 1) : (int) random.nextLong(seen);
    if (slot < halfCapacity) {
      System.arraycopy(input, 0, reservoirInputs, slot * features, features);
      reservoirLabels[slot] = label;
      reservoirCount = Math.min(reservoirCount + 1, halfCapacity);
    }
  }

  /**
   * Fills {@code inputs} (rows × features) and {@code labels} with a minibatch, half fresh and half from
   * the reservoir. Returns the rows filled: 0 when empty.
   */
  synchronized int sample(float[] inputs, float[] labels) {
    int rows = labels.length;
    if (freshCount == 0) {
      return 0;
    }
    for (int row = 0; row < rows; row++) {
      boolean isFresh = (row & 1) == 0 || reservoirCount == 0;
      int count = isFresh ? freshCount : reservoirCount;
      int index = random.nextInt(count);
      System.arraycopy(isFresh ? freshInputs : reservoirInputs, index * features, inputs, row * features,
          features);
      labels[row] = (isFresh ? freshLabels : reservoirLabels)[index];
    }
    return rows;
  }

  /** Writes both halves, so a restart rehearses the same history (checkpointing). */
  synchronized void writeTo(DataOutputStream out) throws IOException {
    out.writeInt(features);
    out.writeInt(halfCapacity);
    out.writeLong(added);
    out.writeInt(freshCount);
    out.writeInt(reservoirCount);
    writeFloats(out, freshInputs);
    writeFloats(out, freshLabels);
    writeFloats(out, reservoirInputs);
    writeFloats(out, reservoirLabels);
  }

  /** Replaces the contents with a saved buffer of the same shape; throws if the shape differs. */
  synchronized void readFrom(DataInputStream in) throws IOException {
    int savedFeatures = in.readInt();
    int savedHalf = in.readInt();
    if (savedFeatures != features || savedHalf != halfCapacity) {
      throw new IOException("replay buffer shape " + savedFeatures + "x" + savedHalf + " != " + features
          + "x" + halfCapacity);
    }
    long savedAdded = in.readLong();
    int savedFresh = in.readInt();
    int savedReservoir = in.readInt();
    if (savedAdded < 0 || savedFresh < 0 || savedFresh > halfCapacity || savedReservoir < 0
        || savedReservoir > halfCapacity) {
      throw new IOException("replay buffer counters out of range");
    }
    readFloats(in, freshInputs);
    readFloats(in, freshLabels);
    readFloats(in, reservoirInputs);
    readFloats(in, reservoirLabels);
    added = savedAdded;
    freshCount = savedFresh;
    reservoirCount = savedReservoir;
  }

  private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
    for (float value : values) {
      out.writeFloat(value);
    }
  }

  private static void readFloats(DataInputStream in, float[] values) throws IOException {
    for (int i = 0; i < values.length; i++) {
      values[i] = in.readFloat();
    }
  }

  synchronized long added() {
    return added;
  }

  synchronized int size() {
    return freshCount + reservoirCount;
  }
}

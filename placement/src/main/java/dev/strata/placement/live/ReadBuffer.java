package dev.strata.placement.live;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * Lossy, striped buffer of recent hits, so a get records its access without taking the policy lock —
 * the technique of Caffeine's read buffers. Each thread writes to its stripe's ring; every
 * {@link #DRAIN_EVERY}th write asks the caller to drain (under the lock, if it can get it without
 * waiting). When a ring laps before being drained the oldest hits are dropped: the policy sees a sample
 * of hits, which costs a little accuracy and keeps gets from ever blocking on training-heavy policies.
 *
 * <p>Measured by PolicyDrivenCacheBenchmark: with the lock taken on every get, 2 threads on the loaded
 * 2-core machine averaged 1–15 µs per get (lock-holder preemption); with this buffer, see
 * docs/benchmarks/placement.md.
 */
final class ReadBuffer<E> {
  static final int STRIPES = 4;
  private static final int SLOTS = 64;
  private static final int MASK = SLOTS - 1;
  static final int DRAIN_EVERY = 16;

  private final AtomicReferenceArray<E> slots = new AtomicReferenceArray<>(STRIPES * SLOTS);
  /** Per stripe: total writes (claimed slots); padded apart to avoid false sharing. */
  private final AtomicLongArray writes = new AtomicLongArray(STRIPES * 8);
  /** Per stripe: writes already drained; guarded by the cache lock. */
  private final long[] drained = new long[STRIPES];

  /** Records a hit; returns true when the caller should try to drain. */
  boolean offer(E element) {
    int stripe = (int) (Thread.currentThread().threadId() & (STRIPES - 1));
    long write = writes.getAndIncrement(stripe * 8);
    slots.setRelease(stripe * SLOTS + (int) (write & MASK), element);
    return (write & (DRAIN_EVERY - 1)) == DRAIN_EVERY - 1;
  }

  /** Hands every undrained hit to {@code consumer}; call only while holding the cache lock. */
  void drainTo(Consumer<E> consumer) {
    for (int stripe = 0; stripe < STRIPES; stripe++) {
      long written = writes.get(stripe * 8);
      long from = Math.max(drained[stripe], written - SLOTS);
      for (long read = from; read < written; read++) {
        E element = slots.getAcquire(stripe * SLOTS + (int) (read & MASK));
        if (element != null) {
          consumer.accept(element);
        }
      }
      drained[stripe] = written;
    }
  }
}

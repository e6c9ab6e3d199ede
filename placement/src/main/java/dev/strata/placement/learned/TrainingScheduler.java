package dev.strata.placement.learned;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where training rounds run. Live: one daemon thread, at most one round per {@link #MIN_INTERVAL_NANOS},
 * and a request while a round is queued, running or too recent is dropped, so training can never pile up
 * behind traffic nor take more than ~10 % of a core (a round costs ~5–10 ms; without the cap, the JMH
 * run at ~300 k requests/s asked for 150 rounds/s and the trainer starved the request thread: p90 14 µs). Simulation: on the replaying thread at
 * fixed request intervals, which makes results reproducible (it models a trainer that keeps up).
 */
interface TrainingScheduler extends AutoCloseable {

  /** Minimum time between two background rounds. */
  long MIN_INTERVAL_NANOS = 100_000_000L;

  /** Asks for one round; may drop the request if one is already pending. */
  void request(Runnable round);

  @Override
  void close();

  static TrainingScheduler inline() {
    return new TrainingScheduler() {
      @Override
      public void request(Runnable round) {
        round.run();
      }

      @Override
      public void close() {
      }
    };
  }

  static TrainingScheduler background(String threadName) {
    return new Background(threadName);
  }

  /** Single-thread, coalescing. */
  final class Background implements TrainingScheduler {
    private final ExecutorService executor;
    private final AtomicBoolean isPending = new AtomicBoolean();
    private volatile long lastStartNanos = System.nanoTime() - MIN_INTERVAL_NANOS;

    Background(String threadName) {
      this.executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, threadName);
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        return thread;
      });
    }

    @Override
    public void request(Runnable round) {
      if (System.nanoTime() - lastStartNanos < MIN_INTERVAL_NANOS) {
        return;
      }
      if (isPending.compareAndSet(false, true)) {
        lastStartNanos = System.nanoTime();
        executor.execute(() -> {
          try {
            round.run();
          } finally {
            isPending.set(false);
          }
        });
      }
    }

    @Override
    public void close() {
      executor.shutdownNow();
      try {
        executor.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

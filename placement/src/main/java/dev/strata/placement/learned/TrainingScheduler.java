package dev.strata.placement.learned;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where training rounds run. Live: one daemon thread, and a request while a round is queued or running
 * is dropped, so training can never pile up behind traffic. Simulation: on the replaying thread at
 * fixed request intervals, which makes results reproducible (it models a trainer that keeps up).
 */
interface TrainingScheduler extends AutoCloseable {

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
      if (isPending.compareAndSet(false, true)) {
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

package dev.strata.placement.learned;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Owns the trainer and publishes its weights. The request path only ever reads {@link #current()}, a
 * volatile reference to an immutable {@link InferenceModel}; training happens wherever the
 * {@link TrainingScheduler} runs it. Restores from the checkpoint at construction, so a restart serves
 * the last saved model from its first request.
 */
final class OnlineModel implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(OnlineModel.class.getName());
  /** Checkpoint every this many published versions: often enough to lose little, rarely enough to be cheap. */
  static final int CHECKPOINT_EVERY_VERSIONS = 50;

  private final ReplayBuffer replay;
  private final ReaccessTrainer trainer;
  private final TrainingScheduler scheduler;
  private final Optional<ModelCheckpoint> checkpoint;
  private volatile InferenceModel current;
  private volatile double lastLoss = Double.NaN;
  private volatile long version;

  OnlineModel(ReplayBuffer replay, long seed, TrainingScheduler scheduler, Optional<Path> checkpointDir) {
    this.replay = replay;
    this.scheduler = scheduler;
    this.checkpoint = checkpointDir.map(ModelCheckpoint::new);
    Optional<ModelCheckpoint.Restored> restored = checkpoint.flatMap(ModelCheckpoint::restore);
    if (restored.isPresent()) {
      this.trainer = new ReaccessTrainer(replay, restored.get().network(), restored.get().trainingRounds());
      this.version = restored.get().modelVersion();
      this.current = trainer.snapshot(version);
      checkpoint.get().restoreReplay(replay);
    } else {
      this.trainer = new ReaccessTrainer(replay, seed);
    }
  }

  /** The latest weights, or null while cold (never trained and nothing restored). */
  InferenceModel current() {
    return current;
  }

  void requestTraining() {
    scheduler.request(this::trainAndPublish);
  }

  private void trainAndPublish() {
    double loss = trainer.trainRound();
    if (Double.isNaN(loss)) {
      return;
    }
    long next = version + 1;
    current = trainer.snapshot(next);
    lastLoss = loss;
    version = next;
    if (checkpoint.isPresent() && next % CHECKPOINT_EVERY_VERSIONS == 0) {
      saveCheckpoint();
    }
  }

  /** Writes the checkpoint now; failures are logged (the cache keeps serving) rather than thrown. */
  void saveCheckpoint() {
    checkpoint.ifPresent(target -> {
      try {
        target.save(trainer.network(), version, trainer.rounds(), replay);
      } catch (IOException | RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "Could not write the placement checkpoint: {0}", e.toString());
      }
    });
  }

  long version() {
    return version;
  }

  double lastLoss() {
    return lastLoss;
  }

  long samples() {
    return replay.added();
  }

  ReaccessTrainer trainer() {
    return trainer;
  }

  @Override
  public void close() {
    scheduler.close();
    saveCheckpoint();
  }
}

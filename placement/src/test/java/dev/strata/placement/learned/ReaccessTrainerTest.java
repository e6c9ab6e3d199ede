package dev.strata.placement.learned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReaccessTrainerTest {

  /** Label = first feature: learnable, so the loss must fall. */
  private static ReplayBuffer learnableBuffer() {
    ReplayBuffer buffer = new ReplayBuffer(4096, FeatureExtractor.FEATURES, 1);
    SplittableRandom random = new SplittableRandom(2);
    for (int i = 0; i < 4096; i++) {
      float[] x = new float[FeatureExtractor.FEATURES];
      for (int f = 0; f < x.length; f++) {
        x[f] = (float) random.nextDouble();
      }
      buffer.add(x, 0.1f + 0.8f * x[0]);
    }
    return buffer;
  }

  @Test
  void lossFallsAndArrayInferenceMatchesTheNetwork() {
    ReaccessTrainer trainer = new ReaccessTrainer(learnableBuffer(), 3);
    double first = trainer.trainRound();
    double last = first;
    for (int round = 0; round < 150; round++) {
      last = trainer.trainRound();
    }
    assertThat(last).isLessThan(first / 2);
    InferenceModel model = trainer.snapshot(1);
    float[][] scratch = model.newScratch();
    SplittableRandom random = new SplittableRandom(9);
    for (int i = 0; i < 20; i++) {
      float[] x = new float[FeatureExtractor.FEATURES];
      for (int f = 0; f < x.length; f++) {
        x[f] = (float) random.nextDouble();
      }
      assertThat(model.predict(x, scratch)).isCloseTo(trainer.predictWithNetwork(x), offset(1e-5f));
    }
  }

  @Test
  void checkpointRestoresTheSameWeightsAndVersion(@TempDir Path dir) throws Exception {
    ReaccessTrainer trainer = new ReaccessTrainer(learnableBuffer(), 3);
    for (int round = 0; round < 5; round++) {
      trainer.trainRound();
    }
    ReplayBuffer saved = learnableBuffer();
    new ModelCheckpoint(dir).save(trainer.network(), 17, trainer.rounds(), saved);
    ModelCheckpoint.Restored restored = new ModelCheckpoint(dir).restore().orElseThrow();
    ReplayBuffer refilled = new ReplayBuffer(4096, FeatureExtractor.FEATURES, 1);
    new ModelCheckpoint(dir).restoreReplay(refilled);
    assertThat(refilled.added()).isEqualTo(saved.added());
    assertThat(refilled.size()).isEqualTo(saved.size());
    ReplayBuffer otherShape = new ReplayBuffer(64, FeatureExtractor.FEATURES, 1);
    new ModelCheckpoint(dir).restoreReplay(otherShape);
    assertThat(otherShape.added()).isZero();
    assertThat(restored.modelVersion()).isEqualTo(17);
    assertThat(restored.trainingRounds()).isEqualTo(5);
    float[] x = new float[FeatureExtractor.FEATURES];
    java.util.Arrays.fill(x, 0.3f);
    float[][] scratch = trainer.snapshot(0).newScratch();
    assertThat(new ReaccessTrainer(learnableBuffer(), restored.network(), 5).snapshot(17).predict(x, scratch))
        .isEqualTo(trainer.snapshot(17).predict(x, scratch));
  }

  @Test
  void corruptOrForeignCheckpointIsIgnored(@TempDir Path dir) throws Exception {
    assertThat(new ModelCheckpoint(dir).restore()).isEmpty();
    Files.writeString(dir.resolve("checkpoint.properties"), "format=1\nfeatures=12\nmodelVersion=3\n");
    Files.writeString(dir.resolve("network.zip"), "not a zip");
    assertThat(new ModelCheckpoint(dir).restore()).isEmpty();
    Files.writeString(dir.resolve("checkpoint.properties"), "format=99\nfeatures=12\n");
    assertThat(new ModelCheckpoint(dir).restore()).isEmpty();
  }
}

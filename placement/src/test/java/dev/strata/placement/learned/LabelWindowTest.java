package dev.strata.placement.learned;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabelWindowTest {
  private final FeatureExtractor extractor = new FeatureExtractor(1000);
  private final ReplayBuffer replay = new ReplayBuffer(100, FeatureExtractor.FEATURES, 1);
  private final LabelWindow window = new LabelWindow(extractor, replay, 10);

  @Test
  void reaccessLabelsTheSampleWithTheObservedGap() {
    ItemHistory item = new ItemHistory(1);
    item.recordAccess(0, 1, 0);
    window.sample(item, 10);
    window.sample(item, 20);
    window.onRequest(item, 110);
    assertThat(replay.added()).isEqualTo(1);
    float[] inputs = new float[FeatureExtractor.FEATURES * 2];
    float[] labels = new float[2];
    replay.sample(inputs, labels);
    assertThat(labels[0]).isEqualTo(extractor.label(100));
  }

  @Test
  void unrequestedSampleIsLabelledBeyondTheHorizonWhenItExpires() {
    ItemHistory item = new ItemHistory(1);
    item.recordAccess(0, 1, 0);
    window.sample(item, 5);
    window.expire(1004);
    assertThat(replay.added()).isZero();
    window.expire(1005);
    assertThat(replay.added()).isEqualTo(1);
    assertThat(window.pendingCount()).isZero();
  }
}

package dev.strata.placement.learned;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayBufferTest {

  @Test
  void minibatchesMixFreshSamplesWithOlderOnes() {
    ReplayBuffer buffer = new ReplayBuffer(200, 1, 5);
    // 10 000 "old workload" samples (label 0) then 100 "new workload" samples (label 1).
    for (int i = 0; i < 10_000; i++) {
      buffer.add(new float[] {0f}, 0f);
    }
    for (int i = 0; i < 100; i++) {
      buffer.add(new float[] {1f}, 1f);
    }
    float[] inputs = new float[1000];
    float[] labels = new float[1000];
    assertThat(buffer.sample(inputs, labels)).isEqualTo(1000);
    int fresh = 0;
    for (float label : labels) {
      fresh += label == 1f ? 1 : 0;
    }
    // The fresh half is all new samples; the reservoir half is still mostly the old workload.
    assertThat(fresh).isBetween(480, 560);
    assertThat(buffer.size()).isEqualTo(200);
    assertThat(buffer.added()).isEqualTo(10_100);
  }

  @Test
  void emptyBufferYieldsNoRows() {
    assertThat(new ReplayBuffer(10, 2, 1).sample(new float[4], new float[2])).isZero();
  }
}

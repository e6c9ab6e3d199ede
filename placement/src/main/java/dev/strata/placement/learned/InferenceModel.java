package dev.strata.placement.learned;

/**
 * An immutable copy of the network's weights in plain arrays, evaluated with a hand-rolled forward pass:
 * ReLU hidden layers and a sigmoid output, the same maths as the DL4J network it was copied from. This
 * is what runs per eviction — a one-row DL4J {@code output()} costs ~0.2 ms, this costs well under a
 * microsecond for our 12→16→8→1 shape (see docs/benchmarks/placement.md).
 *
 * <p>Weights are stored row-major as {@code [input][output]}, the layout DL4J uses for its "W" params.
 */
final class InferenceModel {
  private final float[][] weights;
  private final float[][] biases;
  private final long version;
  private final int maxWidth;

  InferenceModel(float[][] weights, float[][] biases, long version) {
    if (weights.length != biases.length || weights.length == 0) {
      throw new IllegalArgumentException("need one bias vector per weight matrix");
    }
    this.weights = weights;
    this.biases = biases;
    this.version = version;
    int widest = 0;
    for (float[] bias : biases) {
      widest = Math.max(widest, bias.length);
    }
    this.maxWidth = widest;
  }

  long version() {
    return version;
  }

  /** Scratch space one caller reuses across calls (two buffers of the widest layer). */
  float[][] newScratch() {
    return new float[][] {new float[Math.max(maxWidth, FeatureExtractor.FEATURES)],
        new float[Math.max(maxWidth, FeatureExtractor.FEATURES)]};
  }

  /** Predicts the scaled time to next request in (0, 1) for one feature vector. */
  float predict(float[] input, float[][] scratch) {
    return sigmoid(logit(input, scratch));
  }

  /**
   * The output before its sigmoid. Monotonic in {@link #predict}, so rankings (which victim is needed
   * last) use it and save one {@code exp} per candidate.
   */
  float logit(float[] input, float[][] scratch) {
    float[] in = input;
    int inWidth = input.length;
    for (int layer = 0; layer < weights.length; layer++) {
      float[] w = weights[layer];
      float[] b = biases[layer];
      int outWidth = b.length;
      float[] out = scratch[layer & 1];
      for (int o = 0; o < outWidth; o++) {
        out[o] = b[o];
      }
      for (int i = 0; i < inWidth; i++) {
        float x = in[i];
        int row = i * outWidth;
        for (int o = 0; o < outWidth; o++) {
          out[o] += x * w[row + o];
        }
      }
      if (layer < weights.length - 1) {
        for (int o = 0; o < outWidth; o++) {
          out[o] = Math.max(0f, out[o]);
        }
      }
      in = out;
      inWidth = outWidth;
    }
    return in[0];
  }

  /** Largest absolute weight or bias: the stability run checks that this stays bounded. */
  float maxAbsParameter() {
    float max = 0;
    for (int layer = 0; layer < weights.length; layer++) {
      for (float w : weights[layer]) {
        max = Math.max(max, Math.abs(w));
      }
      for (float b : biases[layer]) {
        max = Math.max(max, Math.abs(b));
      }
    }
    return max;
  }

  static float sigmoid(float x) {
    return (float) (1.0 / (1.0 + Math.exp(-x)));
  }
}

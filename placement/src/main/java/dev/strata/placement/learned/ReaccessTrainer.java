package dev.strata.placement.learned;

import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The only class that touches Deeplearning4j. Trains a small MLP (12→16→8→1) to predict the scaled
 * time to an item's next request, on minibatches from the {@link ReplayBuffer}, and after each round
 * copies the weights into an {@link InferenceModel} for the request path.
 *
 * <p>Bounded by construction: features and labels lie in [0, 1], the sigmoid output keeps predictions
 * there, gradients are clipped per layer (L2 norm ≤ 1) and L2 regularisation pulls weights towards 0.
 * In the spirit of Song et al., "Learning Relaxed Belady for Content Distribution Network Caching",
 * NSDI 2020 (LRB), with a neural regressor instead of gradient-boosted trees.
 */
final class ReaccessTrainer {
  static final int[] HIDDEN = {16, 8};
  private static final int BATCH = 512;
  private static final int STEPS_PER_ROUND = 2;
  private static final double LEARNING_RATE = 5e-3;

  private final MultiLayerNetwork network;
  private final ReplayBuffer replay;
  private final float[] batchInputs = new float[BATCH * FeatureExtractor.FEATURES];
  private final float[] batchLabels = new float[BATCH];
  private long rounds;

  static {
    // Our matrices are 256×16: OpenMP fan-out costs more than it saves and fights the request threads
    // for the cores (one fit went from ~150 ms to a few ms on the 2-core CI machine).
    Nd4j.getEnvironment().setMaxThreads(1);
    Nd4j.getEnvironment().setMaxMasterThreads(1);
  }

  ReaccessTrainer(ReplayBuffer replay, long seed) {
    this(replay, newNetwork(seed), 0);
  }

  ReaccessTrainer(ReplayBuffer replay, MultiLayerNetwork network, long rounds) {
    this.replay = replay;
    this.network = network;
    this.rounds = rounds;
  }

  static MultiLayerNetwork newNetwork(long seed) {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
        .seed(seed)
        .updater(new Adam(LEARNING_RATE))
        .weightInit(WeightInit.XAVIER)
        .l2(1e-4)
        .gradientNormalization(GradientNormalization.ClipL2PerLayer)
        .gradientNormalizationThreshold(1.0)
        .list()
        .layer(new DenseLayer.Builder().nIn(FeatureExtractor.FEATURES).nOut(HIDDEN[0])
            .activation(Activation.RELU).build())
        .layer(new DenseLayer.Builder().nIn(HIDDEN[0]).nOut(HIDDEN[1]).activation(Activation.RELU).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(HIDDEN[1]).nOut(1)
            .activation(Activation.SIGMOID).build())
        .build();
    MultiLayerNetwork network = new MultiLayerNetwork(conf);
    network.init();
    return network;
  }

  /**
   * Runs one training round if the buffer has data.
   *
   * @return the mean minibatch loss, or NaN when there was nothing to train on
   */
  synchronized double trainRound() {
    double lossSum = 0;
    int steps = 0;
    for (int step = 0; step < STEPS_PER_ROUND; step++) {
      int rows = replay.sample(batchInputs, batchLabels);
      if (rows == 0) {
        break;
      }
      INDArray inputs = Nd4j.create(batchInputs, new long[] {rows, FeatureExtractor.FEATURES}, 'c');
      INDArray labels = Nd4j.create(batchLabels, new long[] {rows, 1}, 'c');
      network.fit(new DataSet(inputs, labels));
      lossSum += network.score();
      steps++;
    }
    if (steps == 0) {
      return Double.NaN;
    }
    rounds++;
    return lossSum / steps;
  }

  /** Copies the current weights into plain arrays for the request path. */
  synchronized InferenceModel snapshot(long version) {
    int layers = network.getnLayers();
    float[][] weights = new float[layers][];
    float[][] biases = new float[layers][];
    for (int layer = 0; layer < layers; layer++) {
      float[][] matrix = network.getLayer(layer).getParam("W").toFloatMatrix();
      int outWidth = matrix[0].length;
      weights[layer] = new float[matrix.length * outWidth];
      for (int i = 0; i < matrix.length; i++) {
        System.arraycopy(matrix[i], 0, weights[layer], i * outWidth, outWidth);
      }
      biases[layer] = network.getLayer(layer).getParam("b").toFloatVector();
    }
    return new InferenceModel(weights, biases, version);
  }

  /** DL4J's own prediction, for tests that pin the array copy to the real network. */
  synchronized float predictWithNetwork(float[] features) {
    INDArray input = Nd4j.create(features, new long[] {1, features.length}, 'c');
    return network.output(input).getFloat(0);
  }

  synchronized long rounds() {
    return rounds;
  }

  MultiLayerNetwork network() {
    return network;
  }
}

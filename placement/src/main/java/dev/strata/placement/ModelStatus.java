package dev.strata.placement;

/**
 * What a policy can say about its model, for metrics. Classic policies have none.
 *
 * @param modelVersion       number of weight snapshots published so far (0 = cold, no model)
 * @param lastTrainingLoss   mean loss of the last training round, NaN before the first
 * @param isModelDeciding    whether the model (not the fallback) currently chooses victims
 * @param trainingSamples    labelled samples seen so far
 */
public record ModelStatus(long modelVersion, double lastTrainingLoss, boolean isModelDeciding,
                          long trainingSamples) {

  public static final ModelStatus NONE = new ModelStatus(0, Double.NaN, false, 0);
}

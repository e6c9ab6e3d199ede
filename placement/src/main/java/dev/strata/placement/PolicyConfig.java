package dev.strata.placement;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What every policy factory receives. Validated once here, trusted by the policies.
 *
 * @param maximumWeight  the budget: entries when all weights are 1, bytes otherwise
 * @param seed           seed for any randomness, so runs are reproducible
 * @param checkpointDir  where a learned policy keeps its checkpoint; empty = none
 * @param isBackgroundTraining whether a learned policy trains on its own thread (live) or at fixed
 *                       request intervals on the caller's thread (simulation, reproducible)
 * @param meanWeightHint typical item weight (1 when counting entries), so a learned policy can turn a
 *                       byte budget into an expected entry count for its time scales
 */
public record PolicyConfig(long maximumWeight, long seed, Optional<Path> checkpointDir,
                           boolean isBackgroundTraining, int meanWeightHint) {

  public PolicyConfig {
    if (maximumWeight < 1) {
      throw new IllegalArgumentException("maximumWeight must be >= 1 but was " + maximumWeight);
    }
    if (meanWeightHint < 1) {
      throw new IllegalArgumentException("meanWeightHint must be >= 1 but was " + meanWeightHint);
    }
    checkpointDir = checkpointDir == null ? Optional.empty() : checkpointDir;
  }

  /** Expected number of resident entries when the budget is full. */
  public long expectedEntries() {
    return Math.max(1, maximumWeight / meanWeightHint);
  }

  /** A simulation configuration: inline training, no checkpoint. */
  public static PolicyConfig forSimulation(long maximumWeight, long seed) {
    return new PolicyConfig(maximumWeight, seed, Optional.empty(), false, 1);
  }

  /** A simulation configuration for a byte budget over items of the given mean size. */
  public static PolicyConfig forSimulation(long maximumWeight, long seed, int meanWeightHint) {
    return new PolicyConfig(maximumWeight, seed, Optional.empty(), false, meanWeightHint);
  }
}

package dev.strata.placement.sim;

import dev.strata.placement.PolicyRegistry;

import dev.strata.placement.AccessEvent;
import dev.strata.placement.EvictionSink;
import dev.strata.placement.PlacementPolicy;
import dev.strata.placement.PolicyConfig;
import dev.strata.placement.sim.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Replays a trace through policies at several budgets. Budgets are fractions of the trace's unique keys
 * (entry-count budgets); when the trace has sizes, the same fractions of its unique bytes are simulated
 * as byte budgets too. Single-threaded and deterministic for a given seed.
 */
public final class Simulator {
  private static final int PROGRESS_STEP = 1 << 14;
  private static final int STATUS_SAMPLE_STEP = 1 << 13;

  private final List<String> policies;
  private final List<Double> sizeFractions;
  private final TierLatencies latencies;
  private final long seed;

  public Simulator(List<String> policies, List<Double> sizeFractions, TierLatencies latencies, long seed) {
    for (double fraction : sizeFractions) {
      if (!(fraction > 0 && fraction <= 1)) {
        throw new IllegalArgumentException("cache size fractions must be in (0, 1] but got " + fraction);
      }
    }
    for (String name : policies) {
      if (!PolicyRegistry.names().contains(name)) {
        throw new IllegalArgumentException("unknown placement policy '" + name + "'; choose from "
            + PolicyRegistry.names());
      }
    }
    this.policies = List.copyOf(policies);
    this.sizeFractions = List.copyOf(sizeFractions);
    this.latencies = latencies;
    this.seed = seed;
  }

  /** Total request replays {@link #run} will perform on {@code trace}, for progress bars. */
  public long workOf(Trace trace) {
    return (long) trace.requests() * policies.size() * sizeFractions.size() * (trace.hasSizes() ? 2 : 1);
  }

  /** @param progress receives the number of requests replayed since its last call */
  public List<SimulationResult> run(Trace trace, LongConsumer progress) {
    List<SimulationResult> results = new ArrayList<>();
    for (double fraction : sizeFractions) {
      for (String policy : policies) {
        results.add(replay(trace, policy, fraction, false, progress));
      }
      if (trace.hasSizes()) {
        for (String policy : policies) {
          results.add(replay(trace, policy, fraction, true, progress));
        }
      }
    }
    return results;
  }

  SimulationResult replay(Trace trace, String name, double fraction, boolean isByteBudget,
                          LongConsumer progress) {
    long capacity = isByteBudget
        ? Math.max(trace.maxSize(), Math.round(trace.uniqueBytes() * fraction))
        : Math.max(1, Math.round(trace.uniqueKeys() * fraction));
    PolicyConfig config = PolicyConfig.forSimulation(capacity, seed, isByteBudget ? trace.meanSize() : 1);
    PlacementPolicy policy = PolicyRegistry.create(name, config);
    long hits = 0;
    long requestedBytes = 0;
    long hitBytes = 0;
    long decidingSamples = 0;
    long statusSamples = 0;
    long start = System.nanoTime();
    try {
      for (int i = 0; i < trace.requests(); i++) {
        AccessEvent event = trace.event(i, isByteBudget);
        int bytes = trace.size(i);
        requestedBytes += bytes;
        if (policy.record(event, EvictionSink.IGNORE)) {
          hits++;
          hitBytes += bytes;
        }
        if ((i + 1) % STATUS_SAMPLE_STEP == 0) {
          statusSamples++;
          decidingSamples += policy.modelStatus().isModelDeciding() ? 1 : 0;
        }
        if ((i + 1) % PROGRESS_STEP == 0) {
          progress.accept(PROGRESS_STEP);
        }
      }
      progress.accept(trace.requests() % PROGRESS_STEP);
      long elapsed = System.nanoTime() - start;
      double hitRatio = (double) hits / trace.requests();
      return new SimulationResult(trace.name(), name, fraction, capacity, isByteBudget, trace.requests(),
          hits, requestedBytes, hitBytes, latencies.expectedMicros(hitRatio), elapsed, policy.modelStatus(),
          statusSamples == 0 ? 0 : (double) decidingSamples / statusSamples);
    } finally {
      policy.close();
    }
  }
}

package dev.strata.placement.sim.report;

import dev.strata.placement.sim.SimulationResult;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The tables for docs/benchmarks/placement.md: per trace, hit ratio (%) of every policy at every budget,
 * the optimum included, plus the learned policy's margin over W-TinyLFU.
 */
public final class MarkdownSummary {

  private MarkdownSummary() {
  }

  /**
   * One table over every trace: a row per (trace, budget), a column per policy, hit ratio in %, the best
   * online policy of the row in bold and the optimum last.
   */
  public static String combined(List<SimulationResult> results) {
    Map<String, Map<String, SimulationResult>> rows = new LinkedHashMap<>();
    Set<String> policies = new LinkedHashSet<>();
    for (SimulationResult r : results) {
      policies.add(r.policy());
      rows.computeIfAbsent(r.trace() + " | " + r.sizeLabel(), row -> new LinkedHashMap<>()).put(r.policy(), r);
    }
    StringBuilder out = new StringBuilder("| trace | size |");
    policies.forEach(policy -> out.append(' ').append(policy).append(" |"));
    out.append("\n|---|---:|");
    policies.forEach(policy -> out.append("---:|"));
    out.append('\n');
    rows.forEach((row, byPolicy) -> {
      double best = byPolicy.values().stream().filter(r -> !r.policy().equals("opt"))
          .mapToDouble(MarkdownSummary::ratio).max().orElse(0);
      out.append("| ").append(row).append(" |");
      for (String policy : policies) {
        SimulationResult r = byPolicy.get(policy);
        if (r == null) {
          out.append(" – |");
          continue;
        }
        String value = String.format(Locale.ROOT, "%.2f", 100 * ratio(r));
        boolean isBest = !policy.equals("opt") && ratio(r) == best;
        out.append(' ').append(isBest ? "**" + value + "**" : value).append(" |");
      }
      out.append('\n');
    });
    return out.append('\n').toString();
  }

  private static double ratio(SimulationResult r) {
    return r.isByteBudget() ? r.byteHitRatio() : r.hitRatio();
  }

  public static String table(List<SimulationResult> results) {
    Map<String, Map<String, SimulationResult>> byPolicy = new LinkedHashMap<>();
    Set<String> sizes = new LinkedHashSet<>();
    String trace = results.isEmpty() ? "" : results.getFirst().trace();
    for (SimulationResult r : results) {
      sizes.add(r.sizeLabel());
      byPolicy.computeIfAbsent(r.policy(), p -> new LinkedHashMap<>()).put(r.sizeLabel(), r);
    }
    StringBuilder out = new StringBuilder("#### ").append(trace).append("\n\n| policy |");
    sizes.forEach(size -> out.append(' ').append(size).append(" |"));
    out.append("\n|---|");
    sizes.forEach(size -> out.append("---:|"));
    out.append('\n');
    byPolicy.forEach((policy, bySize) -> {
      out.append("| ").append(policy).append(" |");
      for (String size : sizes) {
        SimulationResult r = bySize.get(size);
        out.append(r == null ? " – |" : String.format(Locale.ROOT, " %.2f |",
            100 * (r.isByteBudget() ? r.byteHitRatio() : r.hitRatio())));
      }
      out.append('\n');
    });
    return out.append('\n').toString();
  }
}

package dev.strata.placement.sim.report;

import dev.strata.placement.sim.SimulationResult;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** One CSV row per (policy, budget) of a trace; the raw numbers behind the charts and tables. */
public final class CsvReport {
  static final String HEADER = "trace,policy,size_fraction,capacity,budget_unit,requests,hits,hit_ratio,"
      + "byte_hit_ratio,expected_latency_us,ns_per_request,model_version,last_training_loss,"
      + "model_deciding_share";

  private CsvReport() {
  }

  public static void write(List<SimulationResult> results, Path file) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(HEADER);
      out.write('\n');
      for (SimulationResult r : results) {
        out.write(String.format(Locale.ROOT, "%s,%s,%.4f,%d,%s,%d,%d,%.6f,%.6f,%.3f,%.1f,%d,%.6f,%.3f%n",
            r.trace(), r.policy(), r.sizeFraction(), r.capacity(), r.isByteBudget() ? "bytes" : "entries",
            r.requests(), r.hits(), r.hitRatio(), r.byteHitRatio(), r.expectedLatencyMicros(),
            r.nanosPerRequest(), r.modelStatus().modelVersion(), r.modelStatus().lastTrainingLoss(),
            r.modelDecidingShare()));
      }
    }
  }
}

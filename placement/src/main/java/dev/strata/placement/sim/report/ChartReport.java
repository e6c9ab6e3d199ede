package dev.strata.placement.sim.report;

import dev.strata.placement.sim.SimulationResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Hit ratio against cache size, one line per policy, as a PNG (rendered headless). */
public final class ChartReport {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 600;

  private ChartReport() {
  }

  /** Writes the chart of the entry-count (or, with {@code isByteBudget}, byte) budgets of one trace. */
  public static void write(List<SimulationResult> results, boolean isByteBudget, Path file) throws IOException {
    Map<String, XYSeries> series = new LinkedHashMap<>();
    String trace = "";
    for (SimulationResult r : results) {
      if (r.isByteBudget() != isByteBudget) {
        continue;
      }
      trace = r.trace();
      series.computeIfAbsent(r.policy(), XYSeries::new)
          .add(r.sizeFraction() * 100, (isByteBudget ? r.byteHitRatio() : r.hitRatio()) * 100);
    }
    XYSeriesCollection dataset = new XYSeriesCollection();
    series.values().forEach(dataset::addSeries);
    String what = isByteBudget ? "byte hit ratio (%)" : "hit ratio (%)";
    JFreeChart chart = ChartFactory.createXYLineChart(trace + ": " + what + " vs cache size",
        isByteBudget ? "cache size (% of unique bytes)" : "cache size (% of unique keys)", what, dataset,
        PlotOrientation.VERTICAL, true, false, false);
    ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
  }
}

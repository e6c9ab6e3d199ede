package dev.strata.placement.sim;

import dev.strata.placement.PolicyRegistry;

import dev.strata.placement.sim.report.ChartReport;
import dev.strata.placement.sim.report.CsvReport;
import dev.strata.placement.sim.report.MarkdownSummary;
import dev.strata.placement.sim.trace.Trace;
import dev.strata.placement.sim.trace.TraceFormatException;
import dev.strata.placement.sim.trace.TraceReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code strata-sim}: replays every trace under {@code --traces} through every policy at every size and
 * writes {@code <trace>.csv}, {@code <trace>.png} and {@code summary.md} under {@code --out}.
 *
 * <p>Run: {@code ./mvnw -B -q -pl placement exec:java -Dexec.args="--traces ../shared/traces --out
 * placement/target/sim-report"}
 */
@Command(name = "strata-sim", mixinStandardHelpOptions = true,
    subcommands = {StabilityCommand.class, ForgettingCommand.class},
    description = "Replays access traces through the placement policies and reports hit ratios.")
public final class SimulatorCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--traces", description = "A trace file or a directory of *.txt[.gz|.xz] traces.")
  Path traces;

  @Option(names = "--out", defaultValue = "placement/target/sim-report",
      description = "Report directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--policies", split = ",", description = "Policies to run (default: all): ${COMPLETION-CANDIDATES}")
  List<String> policies = PolicyRegistry.names();

  @Option(names = "--sizes", split = ",", defaultValue = "0.01,0.05,0.1",
      description = "Cache sizes as fractions of unique keys (default: ${DEFAULT-VALUE}).")
  List<Double> sizes;

  // Defaults measured on the 2-core dev machine: PolicyDrivenCache get ~0.1-0.3 us (JMH, rounded up to
  // 1 us for the server's own bookkeeping); loopback Redis GET of 1 KiB, redis-benchmark -c 1: avg 39 us.
  @Option(names = "--hit-latency-us", defaultValue = "1.0",
      description = "Hot-tier read latency in microseconds (default: ${DEFAULT-VALUE}).")
  double hitLatencyMicros;

  @Option(names = "--miss-latency-us", defaultValue = "40.0",
      description = "Read latency of a miss served by the warm tier, microseconds (default: ${DEFAULT-VALUE}).")
  double missLatencyMicros;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--no-progress", description = "Hide the progress bar.")
  boolean isProgressHidden;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    if (traces == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Missing option: --traces");
    }
    List<Path> files = traceFiles(traces);
    Simulator simulator = new Simulator(policies, sizes, new TierLatencies(hitLatencyMicros, missLatencyMicros),
        seed);
    Files.createDirectories(out);
    StringBuilder summary = new StringBuilder();
    List<SimulationResult> all = new java.util.ArrayList<>();
    for (Path file : files) {
      Trace trace = TraceReader.read(file);
      List<SimulationResult> results = runWithProgress(simulator, trace);
      all.addAll(results);
      CsvReport.write(results, out.resolve(trace.name() + ".csv"));
      ChartReport.write(results, false, out.resolve(trace.name() + ".png"));
      if (trace.hasSizes()) {
        ChartReport.write(results, true, out.resolve(trace.name() + "-bytes.png"));
      }
      String table = MarkdownSummary.table(results);
      summary.append(table);
      stdout.print(table);
      stdout.flush();
    }
    Files.writeString(out.resolve("summary.md"), "### All traces, hit ratio (%)\n\n" + MarkdownSummary.combined(all)
        + "### Per trace\n\n" + summary, StandardCharsets.UTF_8);
    stdout.println("Wrote " + files.size() + " trace report(s) to " + out.toAbsolutePath());
    return ExitCode.OK.code();
  }

  private List<SimulationResult> runWithProgress(Simulator simulator, Trace trace) {
    if (isProgressHidden) {
      return simulator.run(trace, done -> { });
    }
    try (ProgressBar bar = new ProgressBarBuilder().setTaskName(trace.name()).setInitialMax(simulator.workOf(trace))
        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000).setUnit(" kreq", 1_000)
        .build()) {
      return simulator.run(trace, bar::stepBy);
    }
  }

  static List<Path> traceFiles(Path location) throws IOException {
    if (Files.isRegularFile(location)) {
      return List.of(location);
    }
    if (!Files.isDirectory(location)) {
      throw new TraceFormatException("no trace file or directory at " + location.toAbsolutePath());
    }
    try (Stream<Path> entries = Files.list(location)) {
      List<Path> files = entries.filter(Files::isRegularFile)
          .filter(path -> path.getFileName().toString().matches(".+\\.(txt|trace)(\\.(gz|xz))?"))
          .sorted().toList();
      if (files.isEmpty()) {
        throw new TraceFormatException("no *.txt, *.txt.gz or *.txt.xz traces in " + location.toAbsolutePath());
      }
      return files;
    }
  }

  /** Builds the command line with the domain-error mapping used by {@link #main} and the tests. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new SimulatorCommand());
    commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
      if (e instanceof TraceFormatException || e instanceof IOException || e instanceof UncheckedIOException
          || e instanceof IllegalArgumentException) {
        cmd.getErr().println("strata-sim: " + e.getMessage());
        return ExitCode.FAILED.code();
      }
      throw e;
    });
    return commandLine;
  }

  public static void main(String[] args) {
    int code = commandLine().execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }
}

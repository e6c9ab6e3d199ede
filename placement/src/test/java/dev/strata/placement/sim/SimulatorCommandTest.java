package dev.strata.placement.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulatorCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @TempDir
  Path dir;

  private int execute(String... args) {
    CommandLine commandLine = SimulatorCommand.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }

  private Path writeTrace(String name, long[] keys, boolean isSized) throws Exception {
    String text = LongStream.of(keys).mapToObj(key -> isSized ? key + " " + (1 + key % 50) : Long.toString(key))
        .collect(Collectors.joining("\n"));
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void writesCsvChartAndSummaryWithTheOptimumOnTop() throws Exception {
    Path traces = Files.createDirectory(dir.resolve("traces"));
    Files.move(writeTrace("zipf.txt", SyntheticTraces.zipf(6000, 800, 0.9, 0, 1), false), traces.resolve("zipf.txt"));
    Files.move(writeTrace("sized.txt", SyntheticTraces.zipf(3000, 400, 0.9, 0, 2), true), traces.resolve("sized.txt"));
    Path report = dir.resolve("report");
    int code = execute("--traces", traces.toString(), "--out", report.toString(), "--no-progress",
        "--policies", "lru,sieve,s3fifo,tinylfu,opt");
    assertThat(code).as(err.toString()).isZero();
    List<String> rows = Files.readAllLines(report.resolve("zipf.csv"));
    assertThat(rows).hasSize(1 + 5 * 3);
    for (String size : new String[] {"0.0100", "0.0500", "0.1000"}) {
      List<Double> ratios = rows.stream().filter(row -> row.contains("," + size + ","))
          .map(row -> Double.parseDouble(row.split(",")[7])).toList();
      double optimum = ratios.getLast();
      assertThat(ratios).allSatisfy(ratio -> assertThat(ratio).isLessThanOrEqualTo(optimum));
    }
    assertThat(ImageIO.read(report.resolve("zipf.png").toFile()).getWidth()).isEqualTo(900);
    assertThat(Files.readAllLines(report.resolve("sized.csv"))).anyMatch(row -> row.contains(",bytes,"));
    assertThat(report.resolve("sized-bytes.png")).exists();
    assertThat(Files.readString(report.resolve("summary.md"))).contains("#### zipf", "| opt |", "| zipf | 1% |", "**");
  }

  @Test
  void missingTracesAndUnknownPoliciesFailWithAClearMessage() throws Exception {
    assertThat(execute("--traces", dir.resolve("nowhere").toString(), "--no-progress")).isEqualTo(1);
    assertThat(err.toString()).contains("no trace file or directory");
    Path trace = writeTrace("t.txt", new long[] {1, 2, 1}, false);
    assertThat(execute("--traces", trace.toString(), "--policies", "fifo", "--no-progress",
        "--out", dir.resolve("r").toString())).isEqualTo(1);
    assertThat(err.toString()).contains("unknown placement policy 'fifo'").doesNotContain("Exception");
    assertThat(execute("--sizes", "abc")).isEqualTo(2);
  }
}

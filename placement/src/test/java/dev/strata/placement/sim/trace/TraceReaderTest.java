package dev.strata.placement.sim.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.placement.AccessEvent;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

class TraceReaderTest {
  private static final String TEXT = "# comment\n1\n2\n\n1\nuser:42\n";

  @TempDir
  Path dir;

  @Test
  void plainGzipAndXzGiveTheSameTrace() throws Exception {
    Path plain = Files.writeString(dir.resolve("t.txt"), TEXT);
    Path gzip = dir.resolve("t.txt.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
      out.write(TEXT.getBytes(StandardCharsets.UTF_8));
    }
    Path xz = dir.resolve("t.txt.xz");
    try (OutputStream out = new XZOutputStream(Files.newOutputStream(xz), new LZMA2Options())) {
      out.write(TEXT.getBytes(StandardCharsets.UTF_8));
    }
    for (Path file : new Path[] {plain, gzip, xz}) {
      Trace trace = TraceReader.read(file);
      assertThat(trace.name()).isEqualTo("t");
      assertThat(trace.requests()).isEqualTo(4);
      assertThat(trace.uniqueKeys()).isEqualTo(3);
      assertThat(trace.hasSizes()).isFalse();
      assertThat(trace.event(0, false).nextAccessTime()).isEqualTo(2);
      assertThat(trace.event(1, false).nextAccessTime()).isEqualTo(AccessEvent.NEVER);
    }
  }

  @Test
  void sizesMakeAByteTrace() throws Exception {
    Trace trace = TraceReader.read(Files.writeString(dir.resolve("s.txt"), "1 100\n2 50\n1 100\n"));
    assertThat(trace.hasSizes()).isTrue();
    assertThat(trace.uniqueBytes()).isEqualTo(150);
    assertThat(trace.event(1, true).weight()).isEqualTo(50);
    assertThat(trace.event(1, false).weight()).isEqualTo(1);
  }

  @Test
  void badLinesAreRejectedWithFileAndLine() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.txt"), "1\n2 x\n");
    assertThatThrownBy(() -> TraceReader.read(bad)).isInstanceOf(TraceFormatException.class)
        .hasMessageContaining("bad.txt:2").hasMessageContaining("'x'");
    Path tooMany = Files.writeString(dir.resolve("many.txt"), "1 2 3\n");
    assertThatThrownBy(() -> TraceReader.read(tooMany)).hasMessageContaining("many.txt:1");
    Path empty = Files.writeString(dir.resolve("empty.txt"), "# nothing\n");
    assertThatThrownBy(() -> TraceReader.read(empty)).hasMessageContaining("no requests");
  }
}

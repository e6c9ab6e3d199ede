package dev.strata.placement.sim.trace;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Reads the text trace format: one request per line, {@code key} or {@code key size}, blank lines and
 * {@code #} comments ignored. Plain, gzip and xz files are recognised by their magic bytes, not by their
 * names. Numeric keys are used as-is; other keys are hashed to 64 bits.
 */
public final class TraceReader {
  private static final byte[] GZIP_MAGIC = {(byte) 0x1f, (byte) 0x8b};
  private static final byte[] XZ_MAGIC = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};

  private TraceReader() {
  }

  public static Trace read(Path path) throws IOException {
    String name = path.getFileName().toString().replaceFirst("\\.(txt|trace)?(\\.(gz|xz))?$", "");
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(decompressed(path), StandardCharsets.UTF_8), 1 << 16)) {
      return parse(name, path.toString(), reader);
    }
  }

  static Trace parse(String name, String source, BufferedReader reader) throws IOException {
    long[] keys = new long[1 << 16];
    int[] sizes = new int[1 << 16];
    int count = 0;
    boolean hasSizes = false;
    int lineNumber = 0;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      lineNumber++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String[] fields = trimmed.split("\\s+");
      if (fields.length > 2) {
        throw new TraceFormatException(source + ":" + lineNumber + ": expected 'key' or 'key size' but got "
            + fields.length + " fields");
      }
      if (count == keys.length) {
        keys = Arrays.copyOf(keys, count * 2);
        sizes = Arrays.copyOf(sizes, count * 2);
      }
      keys[count] = parseKey(fields[0]);
      if (fields.length == 2) {
        hasSizes = true;
        sizes[count] = parseSize(fields[1], source, lineNumber);
      } else {
        sizes[count] = 1;
      }
      count++;
    }
    if (count == 0) {
      throw new TraceFormatException(source + ": no requests in trace");
    }
    return new Trace(name, Arrays.copyOf(keys, count), hasSizes ? Arrays.copyOf(sizes, count) : null);
  }

  private static long parseKey(String field) {
    try {
      return Long.parseLong(field);
    } catch (NumberFormatException notNumeric) {
      return hash(field);
    }
  }

  private static int parseSize(String field, String source, int lineNumber) {
    try {
      int size = Integer.parseInt(field);
      if (size < 1) {
        throw new TraceFormatException(source + ":" + lineNumber + ": size must be >= 1 but was " + size);
      }
      return size;
    } catch (NumberFormatException e) {
      throw new TraceFormatException(source + ":" + lineNumber + ": size '" + field
          + "' is not a positive integer");
    }
  }

  /** 64-bit FNV-1a followed by a finaliser, so string keys spread like numeric ones. */
  private static long hash(String key) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < key.length(); i++) {
      h = (h ^ key.charAt(i)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    return h ^ (h >>> 33);
  }

  private static InputStream decompressed(Path path) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
    in.mark(XZ_MAGIC.length);
    byte[] head = in.readNBytes(XZ_MAGIC.length);
    in.reset();
    if (startsWith(head, XZ_MAGIC)) {
      return new XZInputStream(in);
    }
    if (startsWith(head, GZIP_MAGIC)) {
      return new GZIPInputStream(in, 1 << 16);
    }
    return in;
  }

  private static boolean startsWith(byte[] data, byte[] prefix) {
    return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
  }
}

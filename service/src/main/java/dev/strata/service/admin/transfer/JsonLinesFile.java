package dev.strata.service.admin.transfer;

import dev.strata.service.admin.AdminFailure;
import dev.strata.service.admin.ExitCode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32C;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The container every export data file shares: gzip JSON Lines whose sha256 (of the bytes on disk)
 * goes into the manifest, and whose lines carry a CRC-32C so a damaged line is found and named.
 * Reading and writing stream, so memory stays constant for any size.
 */
final class JsonLinesFile {

    private JsonLinesFile() {
    }

    /** Receives each line's text with its 1-based line number. */
    @FunctionalInterface
    interface LineSink {
        void accept(long line, String text) throws Exception;
    }

    /** What a full read found: the number of lines and the sha256 of the file. */
    record Read(long lines, String sha256) { }

    /** Writes lines to a new gzip file; {@link #sha256()} is known once closed. */
    static final class Writer implements Closeable {
        private final MessageDigest digest = newSha256();
        private final BufferedWriter writer;
        private long lines;
        private String sha256;

        Writer(Path file) throws IOException {
            OutputStream raw = Files.newOutputStream(file);
            writer = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(new DigestOutputStream(raw, digest), 1 << 16),
                    StandardCharsets.UTF_8), 1 << 16);
        }

        void writeLine(String text) throws IOException {
            writer.write(text);
            writer.write('\n');
            lines++;
        }

        long lines() {
            return lines;
        }

        @Override
        public void close() throws IOException {
            writer.close();
            if (sha256 == null) {
                sha256 = HexFormat.of().formatHex(digest.digest());
            }
        }

        String sha256() {
            return sha256;
        }
    }

    /** Reads every line of {@code dir/name}; a missing or unreadable (not gzip, cut short) file is bad input. */
    static Read read(Path dir, String name, LineSink sink) throws Exception {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new AdminFailure(ExitCode.BAD_INPUT, "The export has no " + name + " in " + dir + ".");
        }
        MessageDigest sha256 = newSha256();
        long line = 0;
        try (InputStream raw = Files.newInputStream(file);
             DigestInputStream digest = new DigestInputStream(raw, sha256);
             BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(digest, 1 << 16), StandardCharsets.UTF_8),
                     1 << 16)) {
            String text;
            while (true) {
                try {
                    text = reader.readLine();
                } catch (IOException e) {
                    throw bad(file, "is corrupted after line " + line + " (" + e.getMessage() + ")");
                }
                if (text == null) {
                    break;
                }
                line++;
                sink.accept(line, text);
            }
            // Drain what the gzip reader did not consume so the checksum covers the whole file.
            digest.transferTo(OutputStream.nullOutputStream());
        } catch (java.util.zip.ZipException e) {
            throw bad(file, "is not a gzip file (" + e.getMessage() + ")");
        }
        return new Read(line, HexFormat.of().formatHex(sha256.digest()));
    }

    /** The per-line checksum: CRC-32C, as 8 hex digits. */
    static String crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }

    static AdminFailure bad(Path file, String what) {
        return new AdminFailure(ExitCode.BAD_INPUT, file.getFileName() + " " + what + ".");
    }

    /** The first line of a parser's message (Jackson appends source excerpts on further lines). */
    static String firstLine(Exception e) {
        String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

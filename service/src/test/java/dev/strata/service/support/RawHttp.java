package dev.strata.service.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends one HTTP/1.1 request byte for byte over a socket. {@link java.net.http.HttpClient} refuses
 * to send much of what a bad-input test needs (raw control characters, malformed headers, invalid
 * UTF-8 in a path), so the battery speaks HTTP itself.
 */
public final class RawHttp {

    /** Status, headers (lower-case names) and body of a response. */
    public record Response(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final String host;
    private final int port;

    public RawHttp(String baseUrl) {
        java.net.URI uri = java.net.URI.create(baseUrl);
        this.host = uri.getHost();
        this.port = uri.getPort();
    }

    /**
     * {@code headers} are full header lines without CRLF; Host and Connection are added, and
     * Content-Length unless the headers declare the length themselves.
     */
    public Response send(String method, byte[] target, Iterable<String> headers, byte[] body) {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(30_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(ascii(method + " "));
            request.writeBytes(target);
            request.writeBytes(ascii(" HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nConnection: close\r\n"));
            for (String header : headers) {
                request.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
                request.writeBytes(ascii("\r\n"));
            }
            if (body != null && !declaresLength(headers)) {
                request.writeBytes(ascii("Content-Length: " + body.length + "\r\n"));
            }
            request.writeBytes(ascii("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            if (body != null) {
                writeTolerantly(out, body);
            }
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server may answer (e.g. 413) and close before reading a large body; that is not a failure here. */
    private static void writeTolerantly(OutputStream out, byte[] body) {
        try {
            out.write(body);
        } catch (IOException ignored) {
            // the response, if any, is read next
        }
    }

    private static boolean declaresLength(Iterable<String> headers) {
        for (String header : headers) {
            String name = header.toLowerCase(Locale.ROOT);
            if (name.startsWith("content-length:") || name.startsWith("transfer-encoding:")) {
                return true;
            }
        }
        return false;
    }

    private static Response parse(byte[] raw) {
        int headerEnd = indexOf(raw, ascii("\r\n\r\n"), 0);
        if (headerEnd < 0) {
            throw new IllegalStateException("no complete HTTP response: " + new String(raw, StandardCharsets.ISO_8859_1));
        }
        String[] lines = new String(raw, 0, headerEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, headerEnd + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(chunked, ascii("\r\n"), at);
            int size = Integer.parseInt(new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

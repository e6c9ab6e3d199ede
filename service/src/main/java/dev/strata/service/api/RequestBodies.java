package dev.strata.service.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.springframework.http.HttpStatus;

/** Reads request bodies within a byte limit and rejects query parameters an endpoint does not know. */
public final class RequestBodies {

    private RequestBodies() {
    }

    public static byte[] read(HttpServletRequest request, int maxBytes) {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return body;
        } catch (IOException e) {
            throw ApiException.badRequest("unreadable-body", "The request body could not be read.");
        }
    }

    private static ApiException tooLarge(int maxBytes) {
        return new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "Payload too large",
                "The body exceeds the limit of " + maxBytes + " bytes (strata.api.max-body-bytes).");
    }

    public static void allowOnly(HttpServletRequest request, Set<String> allowed) {
        for (String name : request.getParameterMap().keySet()) {
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("unknown-parameter", "Unknown query parameter '" + truncate(name)
                        + "'; this endpoint accepts " + (allowed.isEmpty() ? "none" : String.join(", ", allowed.stream().sorted().toList())) + ".");
            }
        }
    }

    private static String truncate(String value) {
        String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 64 ? printable.substring(0, 64) + "…" : printable;
    }
}

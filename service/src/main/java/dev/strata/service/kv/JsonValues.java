package dev.strata.service.kv;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.strata.service.api.ApiException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

/**
 * Checks that a body is exactly one well-formed JSON value without building a tree: values are
 * stored as the bytes the client sent.
 */
public final class JsonValues {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(256).build())
            .build();

    private JsonValues() {
    }

    public static byte[] requireSingleValue(byte[] body) {
        if (body.length == 0) {
            throw ApiException.badRequest("malformed-json", "The request body is empty; send a JSON value.");
        }
        requireUtf8(body);
        try (JsonParser parser = FACTORY.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw ApiException.badRequest("malformed-json", "The request body holds no JSON value.");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw ApiException.badRequest("malformed-json", "The request body holds more than one JSON value.");
            }
            return body;
        } catch (IOException e) {
            String reason = e instanceof com.fasterxml.jackson.core.JsonProcessingException parse
                    ? parse.getOriginalMessage() : "unreadable body";
            throw ApiException.badRequest("malformed-json", "The request body is not valid JSON: "
                    + reason.replaceAll("[\\r\\n]+", " "));
        }
    }

    /**
     * JSON is UTF-8 (RFC 8259). Jackson skips over string contents without decoding them, so e.g. an
     * overlong encoding inside a string would otherwise be stored and served back as it came.
     */
    public static void requireUtf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer scratch = CharBuffer.allocate(4096);
        while (true) {
            CoderResult result = decoder.decode(in, scratch, true);
            if (result.isError()) {
                throw ApiException.badRequest("malformed-json", "The request body is not valid UTF-8 (byte " + in.position() + ").");
            }
            scratch.clear();
            if (result.isUnderflow()) {
                return;
            }
        }
    }
}

package dev.strata.service.kv;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.strata.service.api.ApiException;
import java.io.IOException;

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
}

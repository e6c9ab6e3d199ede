package dev.strata.service.memory.longterm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.service.api.ApiException;
import dev.strata.service.api.RequestBodies;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;

/** Turns request JSON into typed requests, with a 400 that names the problem instead of a 500. */
public final class MemoryRequests {

    private MemoryRequests() {
    }

    public static <T> T read(ObjectMapper json, JsonNode node, Class<T> type) {
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("invalid-body", "Expected a JSON object.");
        }
        try {
            return json.treeToValue(node, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            String reason = e instanceof com.fasterxml.jackson.core.JsonProcessingException parse ? parse.getOriginalMessage() : e.getMessage();
            throw ApiException.badRequest("invalid-body", "The body is not valid: " + String.valueOf(reason).replaceAll("[\\r\\n]+", " "));
        }
    }

    public static void noParameters(HttpServletRequest request) {
        RequestBodies.allowOnly(request, Set.of());
    }
}

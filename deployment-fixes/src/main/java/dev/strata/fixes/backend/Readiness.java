package dev.strata.fixes.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.fixes.system.HttpProbe;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The backend's readiness document: overall status and the status of each component (db, redis). */
public record Readiness(String status, Map<String, String> components) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static Readiness parse(HttpProbe.Response response) {
        try {
            JsonNode root = JSON.readTree(response.body());
            Map<String, String> components = new LinkedHashMap<>();
            JsonNode parts = root.path("components");
            parts.fieldNames().forEachRemaining(name -> components.put(name, parts.path(name).path("status").asText("UNKNOWN")));
            return new Readiness(root.path("status").asText("UNKNOWN"), components);
        } catch (IOException e) {
            return new Readiness("UNPARSEABLE", Map.of());
        }
    }

    public boolean isUp() {
        return status.equals("UP");
    }

    public String componentStatus(String name) {
        return components.getOrDefault(name, "ABSENT");
    }
}

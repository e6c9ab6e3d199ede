package dev.strata.service.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/** A small HTTP client for the memory server's API, used by the tests as a real client would. */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String adminToken;

    public ApiClient(String baseUrl, String adminToken) {
        this.baseUrl = baseUrl;
        this.adminToken = adminToken;
    }

    /** A response with its body as text. */
    public record Response(int status, java.net.http.HttpHeaders headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Creates a tenant with a random id and returns a fresh API key for it. */
    public Tenant newTenant() {
        String id = "t-" + UUID.randomUUID().toString().substring(0, 12);
        Response created = send("POST", "/v1/admin/tenants", "Bearer " + adminToken, "{\"id\":\"" + id + "\"}");
        if (created.status() != 201) {
            throw new IllegalStateException("tenant creation failed: " + created);
        }
        Response key = send("POST", "/v1/admin/tenants/" + id + "/keys", "Bearer " + adminToken, "{\"name\":\"test\"}");
        if (key.status() != 201) {
            throw new IllegalStateException("key issue failed: " + key);
        }
        return new Tenant(id, key.json().get("key").asText());
    }

    /** A tenant id and one of its API keys. */
    public record Tenant(String id, String apiKey) { }

    public Response admin(String method, String path, String body) {
        return send(method, path, "Bearer " + adminToken, body);
    }

    public Response as(Tenant tenant, String method, String path, String body, String... headers) {
        return send(method, path, "Bearer " + tenant.apiKey(), body, headers);
    }

    public Response send(String method, String path, String authorization, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        boolean hasContentType = false;
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            hasContentType |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (body != null && !hasContentType) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

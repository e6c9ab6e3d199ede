package dev.strata.monitoring.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Just enough of the Strata HTTP API to create a tenant and put load on the server. */
final class StrataApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI base;
    private String bearer;

    StrataApiClient(URI base, String adminToken) {
        this.base = base;
        this.bearer = adminToken;
    }

    /** Creates the tenant and switches this client to a new API key of it. */
    void useNewTenant(String tenant) {
        expectSuccess(send("POST", "/v1/admin/tenants", "{\"id\":\"" + tenant + "\"}"), "create tenant");
        HttpResponse<String> key = send("POST", "/v1/admin/tenants/" + tenant + "/keys", null);
        expectSuccess(key, "create key");
        try {
            bearer = JSON.readTree(key.body()).path("key").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable key response", e);
        }
    }

    int put(String namespace, String key, String json) {
        return send("PUT", "/v1/kv/" + namespace + "/" + key, json).statusCode();
    }

    int get(String namespace, String key) {
        return send("GET", "/v1/kv/" + namespace + "/" + key, null).statusCode();
    }

    private HttpResponse<String> send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + bearer);
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expectSuccess(HttpResponse<String> response, String what) {
        // The body is not printed: a key response carries a secret.
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + " answered " + response.statusCode());
        }
    }
}

package dev.strata.service.admin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls to a running server for the commands that need its in-process state (hit counters, its
 * search index). The admin token, when given, goes in the Authorization header and nowhere else:
 * failures name the URL, never the token.
 */
public final class ServerApi {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String adminToken;
    private final Duration timeout;

    /** @param adminToken the server's strata.admin.token, or null for public endpoints */
    public ServerApi(String baseUrl, String adminToken, Duration timeout) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.adminToken = adminToken;
        this.timeout = timeout;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String get(String path) {
        return send("GET", path);
    }

    public String post(String path) {
        return send("POST", path);
    }

    private String send(String method, String path) {
        String url = baseUrl + path;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).method(method, HttpRequest.BodyPublishers.noBody());
            if (adminToken != null) {
                request.header("Authorization", "Bearer " + adminToken);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                throw new AdminFailure(ExitCode.UNAVAILABLE, url + " refused the admin token (" + response.statusCode()
                        + "): is strata.admin.token (STRATA_ADMIN_TOKEN) the server's?");
            }
            if (response.statusCode() != 200) {
                throw new AdminFailure(ExitCode.UNAVAILABLE, url + " answered " + response.statusCode() + ".");
            }
            return response.body();
        } catch (IOException | IllegalArgumentException e) {
            throw new AdminFailure(ExitCode.UNAVAILABLE, "Cannot reach " + url + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminFailure(ExitCode.UNAVAILABLE, "Interrupted while calling " + url + ".");
        }
    }
}

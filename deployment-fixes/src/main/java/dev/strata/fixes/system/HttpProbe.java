package dev.strata.fixes.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** GET requests with short timeouts; a failure to connect is a result, not an exception. */
public final class HttpProbe {

    /** {@code status} is -1 when no HTTP response arrived; then {@code error} says why. */
    public record Response(int status, byte[] body, String error) {
        public boolean answered() {
            return status > 0;
        }

        public String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }

        public String describe() {
            return answered() ? "HTTP " + status : "no answer (" + error + ")";
        }
    }

    private final HttpClient client;
    private final Duration timeout;

    public HttpProbe(int timeoutMs) {
        this.timeout = Duration.ofMillis(timeoutMs);
        this.client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    }

    public Response get(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Cache-Control", "no-cache").GET().build();
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.body(), null);
        } catch (IOException e) {
            String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return new Response(-1, new byte[0], reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(-1, new byte[0], "interrupted");
        } catch (IllegalArgumentException e) {
            return new Response(-1, new byte[0], "bad URL " + url);
        }
    }
}

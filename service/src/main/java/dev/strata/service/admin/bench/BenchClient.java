package dev.strata.service.admin.bench;

import dev.strata.service.admin.AdminFailure;
import dev.strata.service.admin.ExitCode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The few API calls the benchmark makes; a transport failure counts as an error, not a crash. */
final class BenchClient {

    private final HttpClient http;
    private final String base;
    private final String authorization;
    private final String namespace;
    private final String memoryUser;

    BenchClient(HttpClient http, String base, String apiKey, String namespace, String memoryUser) {
        this.http = http;
        this.base = base;
        this.authorization = "Bearer " + apiKey;
        this.namespace = namespace;
        this.memoryUser = memoryUser;
    }

    /** Subjects and facts combined into memory texts and search queries (varied enough to embed differently). */
    private static final String[] SUBJECTS = {"travel", "food", "music", "work", "health", "family", "sport", "books", "garden", "money"};
    private static final String[] FACTS = {"prefers", "dislikes", "is planning", "asked about", "mentioned", "is worried about",
        "recommended", "has been reading about"};

    static String memoryText(int n) {
        return "Bench user " + FACTS[n % FACTS.length] + " " + SUBJECTS[(n / FACTS.length) % SUBJECTS.length] + " (note " + n + ")";
    }

    static String searchQuery(int n) {
        return "what does the user think about " + SUBJECTS[n % SUBJECTS.length];
    }

    /** When the mix has semantic operations: fails fast if long-term memories are unavailable to this tenant. */
    void checkMemories() {
        int status = status(searchRequest(searchQuery(0)));
        if (status == -1) {
            throw new AdminFailure(ExitCode.UNAVAILABLE, "No answer from " + base + ".");
        }
        if (status != 200) {
            throw new AdminFailure(ExitCode.REFUSED, base + " answered HTTP " + status + " to POST /v1/memories/search: is long-term "
                    + "memory switched on for this tenant (admin flags)?");
        }
    }

    /** Writes memories 0..count-1 for the bench user, 100 per request (exact repeats merge, so a second run adds nothing). */
    void preloadMemories(int count) {
        for (int from = 0; from < count; from += 100) {
            StringBuilder body = new StringBuilder("{\"memories\":[");
            for (int n = from; n < Math.min(count, from + 100); n++) {
                body.append(n == from ? "" : ",").append(memoryBody(n));
            }
            body.append("]}");
            int status = status(request("/v1/memories").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
            if (status != 200) {
                throw new AdminFailure(ExitCode.UNAVAILABLE, "Preloading memories failed with HTTP " + status + ".");
            }
        }
    }

    private String memoryBody(int n) {
        return "{\"userId\":\"" + memoryUser + "\",\"text\":\"" + memoryText(n) + "\",\"importance\":" + ((n % 10) / 10.0) + "}";
    }

    private HttpRequest searchRequest(String query) {
        return request("/v1/memories/search").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"" + memoryUser + "\",\"query\":\"" + query + "\",\"topK\":10}"))
                .build();
    }

    /** Fails fast with a clear message when the server is down or the key is refused. */
    void check() {
        int status = status(request("/v1/kv/" + namespace + "?limit=1").GET().build());
        if (status == -1) {
            throw new AdminFailure(ExitCode.UNAVAILABLE, "No answer from " + base + ".");
        }
        if (status == 401 || status == 403) {
            throw new AdminFailure(ExitCode.USAGE, "The server refused the API key (HTTP " + status + ").");
        }
        if (status != 200) {
            throw new AdminFailure(ExitCode.UNAVAILABLE, base + " answered HTTP " + status + " to a listing.");
        }
    }

    /** Writes every key once with the batch API, 1000 per request. */
    void preload(int keys, String value) {
        for (int from = 0; from < keys; from += 1000) {
            StringBuilder body = new StringBuilder("{\"operations\":[");
            for (int k = from; k < Math.min(keys, from + 1000); k++) {
                body.append(k == from ? "" : ",").append("{\"op\":\"put\",\"key\":\"k").append(k).append("\",\"value\":").append(value).append('}');
            }
            body.append("]}");
            int status = status(request("/v1/kv/" + namespace + ":batch").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
            if (status != 200) {
                throw new AdminFailure(ExitCode.UNAVAILABLE, "Preloading keys failed with HTTP " + status + ".");
            }
        }
    }

    /** @param n a random number choosing the key's memory text or query */
    boolean send(Workload.Op op, String key, String value, int n) {
        return switch (op) {
            case READ -> {
                int status = status(request("/v1/kv/" + namespace + "/" + key).GET().build());
                yield status == 200 || status == 404;
            }
            case WRITE -> status(request("/v1/kv/" + namespace + "/" + key).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(value)).build()) == 200;
            case LIST -> status(request("/v1/kv/" + namespace + "?limit=20&prefix=" + key.substring(0, Math.min(3, key.length())))
                    .GET().build()) == 200;
            case SEARCH -> status(searchRequest(searchQuery(n))) == 200;
            case MEMORY_WRITE -> {
                int status = status(request("/v1/memories").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(memoryBody(n))).build());
                yield status == 200 || status == 201;
            }
        };
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).header("Authorization", authorization);
    }

    private int status(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}

package dev.strata.service.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the executable jar the README tells users to run, on its embedded defaults, and uses every
 * part that loads native or model code: the learned hot tier, the embedding model and the index, and
 * the console. Unit tests run on Maven's test classpath, which can hide a dependency the jar lacks.
 */
class ExecutableJarIT {

    private static final String ADMIN_TOKEN = "jar-it-admin-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workDir;

    private Process server;
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor();
        }
    }

    @Test
    void theJarStartsOnItsEmbeddedDefaultsAndServesEveryKindOfMemory() throws Exception {
        Path jar = Path.of(System.getProperty("strata.exec.jar", "target/strata-service-exec.jar"));
        assertThat(jar).as("the executable jar (built by package)").exists();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = workDir.resolve("server.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toAbsolutePath().toString(),
                "--server.port=" + port, "--server.address=127.0.0.1",
                // A small hot tier so the learned policy trains (and loads ND4J) within the test.
                "--strata.hot.max-bytes=65536", "--strata.hot.mean-entry-bytes=200"))
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("STRATA_"));
        builder.environment().put("STRATA_ADMIN_TOKEN", ADMIN_TOKEN);
        server = builder.start();
        String base = "http://127.0.0.1:" + port;
        awaitReady(base, log);

        assertThat(send("POST", base + "/v1/admin/tenants", ADMIN_TOKEN, "{\"id\":\"jar-it\"}").statusCode()).isEqualTo(201);
        String key = JSON.readTree(send("POST", base + "/v1/admin/tenants/jar-it/keys", ADMIN_TOKEN, "{\"name\":\"it\"}").body())
                .get("key").asText();

        for (int i = 0; i < 3000; i++) {
            String path = base + "/v1/kv/ns/k" + (i % 700);
            if (send("GET", path, key, null).statusCode() == 404) {
                assertThat(send("PUT", path, key, "{\"i\":" + i + ",\"pad\":\"" + "x".repeat(120) + "\"}").statusCode()).isEqualTo(200);
            }
        }
        HttpResponse<String> hot = send("GET", base + "/v1/kv/ns/k1", key, null);
        assertThat(hot.statusCode()).isEqualTo(200);
        String metrics = send("GET", base + "/actuator/prometheus", null, null).body();
        assertThat(metrics).contains("strata_placement_model_version{").contains("strata_memory_index_documents");

        HttpResponse<String> memory = send("POST", base + "/v1/memories", key,
                "{\"userId\":\"ann\",\"text\":\"Ann drinks oat milk flat whites every morning\"}");
        assertThat(memory.statusCode()).as(memory.body()).isEqualTo(201);
        JsonNode found = JSON.readTree(send("POST", base + "/v1/memories/search", key,
                "{\"userId\":\"ann\",\"query\":\"what coffee does she like\",\"topK\":1}").body());
        assertThat(found.get("results").get(0).get("memory").get("text").asText()).contains("oat milk");
        assertThat(send("POST", base + "/v1/sessions/s1/messages", key,
                "{\"userId\":\"ann\",\"role\":\"user\",\"content\":\"hello there\"}").statusCode()).isEqualTo(201);

        HttpResponse<String> console = send("GET", base + "/", null, null);
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.headers().firstValue("Content-Security-Policy")).isPresent();

        assertThat(Files.readString(log)).doesNotContain("NoClassDefFoundError").doesNotContain("ClassNotFoundException")
                .doesNotContain(ADMIN_TOKEN);
    }

    private void awaitReady(String base, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(server.isAlive()).as("server exited early:\n" + tail(log)).isTrue();
            try {
                if (send("GET", base + "/actuator/health/readiness", null, null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not ready within 120 s:\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private HttpResponse<String> send(String method, String url, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

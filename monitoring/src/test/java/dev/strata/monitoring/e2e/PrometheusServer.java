package dev.strata.monitoring.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.monitoring.MonitoringFiles;
import dev.strata.monitoring.YamlFiles;
import dev.strata.monitoring.tool.ExternalTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Debian package's Prometheus on a free loopback port, loading the checked-in rule files
 * unchanged and scraping one Strata server every second (production scrapes every 15s; only the
 * tempo differs, not the rules).
 */
final class PrometheusServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final URI baseUri;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrometheusServer(Process process, URI baseUri, Path log) {
        this.process = process;
        this.baseUri = baseUri;
        this.log = log;
    }

    static PrometheusServer start(Path workDir, int strataPort) {
        Path config = workDir.resolve("prometheus.yml");
        YamlFiles.write(config, Map.of(
                "global", Map.of("scrape_interval", "1s", "scrape_timeout", "1s", "evaluation_interval", "1s"),
                "rule_files", List.of(MonitoringFiles.rulesDir().resolve("*.yml").toString()),
                "scrape_configs", List.of(Map.of(
                        "job_name", "strata",
                        "metrics_path", "/actuator/prometheus",
                        "static_configs", List.of(Map.of("targets", List.of("127.0.0.1:" + strataPort)))))));
        int port = LoopbackPorts.free();
        Path log = workDir.resolve("prometheus.log");
        ProcessBuilder builder = new ProcessBuilder(
                ExternalTool.PROMETHEUS.require().toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + workDir.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        try {
            PrometheusServer prometheus = new PrometheusServer(builder.start(), URI.create("http://127.0.0.1:" + port), log);
            prometheus.awaitReady();
            return prometheus;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start prometheus", e);
        }
    }

    /** The result vector of an instant query: [{metric: {...}, value: [time, "value"]}, ...]. */
    JsonNode query(String promql) {
        JsonNode answer = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        return answer.path("data").path("result");
    }

    /** Active alerts (pending and firing) as /api/v1/alerts reports them. */
    JsonNode alerts() {
        return get("/api/v1/alerts").path("data").path("alerts");
    }

    @Override
    public void close() {
        ChildProcesses.stopGracefully(process, Duration.ofSeconds(30));
    }

    private JsonNode get(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve(pathAndQuery)).timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
                throw new IllegalStateException(pathAndQuery + " answered " + response.statusCode() + ": " + body);
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException("Prometheus API " + pathAndQuery, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady() {
        HttpRequest ready = HttpRequest.newBuilder(baseUri.resolve("/-/ready")).timeout(Duration.ofSeconds(5)).build();
        Eventually.await("Prometheus ready (log: " + log + ")", Duration.ofSeconds(60), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited with " + process.exitValue() + ", see " + log);
            }
            try {
                return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }, status -> status == 200 ? null : "/-/ready answered " + status);
    }
}

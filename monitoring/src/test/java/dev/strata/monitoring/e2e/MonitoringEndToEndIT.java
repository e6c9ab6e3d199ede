package dev.strata.monitoring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.monitoring.MonitoringFiles;
import dev.strata.monitoring.grafana.Dashboard;
import dev.strata.monitoring.grafana.GrafanaVariables;
import dev.strata.monitoring.metrics.KnownMetrics;
import dev.strata.monitoring.prometheus.RuleFiles;
import dev.strata.monitoring.prometheus.RuleFiles.RecordingRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import redis.embedded.RedisServer;

/**
 * The real memory server (own JVM, embedded PostgreSQL, a real Redis as warm tier) scraped by the
 * real Prometheus with the checked-in rule files: the server exports every metric of the contract,
 * the SLI recording rules produce values under load, the service dashboards show data,
 * StrataWarmTierDegraded goes pending when Redis stops, and StrataServiceDown fires once the server
 * process is stopped. About two minutes, most of it the alert's own "for: 1m".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitoringEndToEndIT {

    private static final Duration LOAD = Duration.ofSeconds(15);

    private Path workDir;
    private RedisServer redis;
    private StrataServer server;
    private PrometheusServer prometheus;
    private StrataApiClient client;

    @BeforeAll
    void startServerPrometheusAndLoad() throws IOException {
        // Under target/: logs and data survive a failed run for inspection, and "mvn clean" removes them.
        workDir = Files.createDirectories(MonitoringFiles.moduleDir().resolve("target/e2e"))
                .resolve("run-" + System.currentTimeMillis());
        Files.createDirectories(workDir);
        int redisPort = LoopbackPorts.free();
        redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").setting("save \"\"").build();
        redis.start();
        String adminToken = UUID.randomUUID().toString();
        server = StrataServer.start(workDir, adminToken, "redis://127.0.0.1:" + redisPort);
        prometheus = PrometheusServer.start(workDir, server.port());
        Eventually.await("Prometheus scraping the server", Duration.ofSeconds(30),
                () -> prometheus.query("up{job=\"strata\"} == 1"),
                result -> result.isEmpty() ? "no successful scrape yet" : null);
        client = new StrataApiClient(server.baseUri(), adminToken);
        client.useNewTenant("monitoring-e2e");
        putLoad();
    }

    @AfterAll
    void stopEverything() {
        for (AutoCloseable part : new AutoCloseable[] {prometheus, server}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                // Keep stopping the rest; ChildProcesses already escalated to SIGKILL if needed.
            }
        }
        if (redis != null) {
            try {
                redis.stop();
            } catch (IOException e) {
                // the process is gone with the JVM at the latest
            }
        }
    }

    @Test
    @Order(1)
    void serverExportsEveryMetricOfTheContract() {
        Set<String> scraped = new TreeSet<>();
        prometheus.query("group by (__name__) ({job=\"strata\"})")
                .forEach(series -> scraped.add(series.path("metric").path("__name__").asText()));

        assertThat(scraped).as("names scraped from the real server").containsAll(KnownMetrics.load("strata-service.txt"));
        assertThat(prometheus.query("strata_hot_tier_entries{application=\"strata\"} > 0")).isNotEmpty();
        assertThat(prometheus.query("strata_warm_tier_available == 1")).as("warm tier attached").isNotEmpty();
    }

    @Test
    @Order(2)
    void everyRecordingRuleProducesAValueUnderLoad() {
        List<RecordingRule> recordings = RuleFiles.read(MonitoringFiles.ruleFiles()).recordings();
        List<String> missing = Eventually.await("values from every recording rule", Duration.ofSeconds(60), () -> {
            List<String> withoutValue = new ArrayList<>();
            for (RecordingRule rule : recordings) {
                if (prometheus.query(rule.record() + " >= 0").isEmpty()) {
                    withoutValue.add(rule.record());
                }
            }
            return withoutValue;
        }, withoutValue -> withoutValue.isEmpty() ? null : "no finite sample yet for " + withoutValue);

        assertThat(missing).isEmpty();
        assertThat(value("sum(operation:strata_http_requests:rate5m{operation=~\"kv_get|kv_put\"})")).isPositive();
        assertThat(value("tier:strata_tier_hit_ratio:rate5m{tier=\"hot\"}")).isBetween(0.01, 1.0);
        assertThat(value("job:strata_http_server_errors:ratio_rate5m")).isZero();
        assertThat(value("operation:strata_http_server_requests_seconds:quantile_rate5m{operation=\"kv_put\", quantile=\"0.99\"}"))
                .isPositive().isLessThan(10.0);
    }

    /**
     * The service dashboards show data from the real server: every query of the overview and JVM
     * dashboards returns series. (The PostgreSQL, Redis and host dashboards read exporters that
     * this test does not run; there Prometheus must at least accept every query.)
     */
    @Test
    @Order(3)
    void dashboardQueriesReturnDataFromTheRealServer() {
        List<String> empty = new ArrayList<>();
        for (Path file : MonitoringFiles.dashboards()) {
            boolean servedByStrata = Set.of("strata-overview.json", "strata-jvm.json")
                    .contains(file.getFileName().toString());
            for (Dashboard.Query query : Dashboard.read(file).queries()) {
                JsonNode result = prometheus.query(GrafanaVariables.substitute(query.expr()));
                if (servedByStrata && result.isEmpty()) {
                    empty.add(query.where());
                }
            }
        }

        assertThat(empty).as("dashboard queries without data").isEmpty();
    }

    /**
     * Redis stopping under a running server: the next reads fail over to PostgreSQL, the gauge the
     * alert reads drops to 0 and StrataWarmTierDegraded starts its 2-minute pending period.
     */
    @Test
    @Order(4)
    void warmTierDegradedGoesPendingWhenRedisStops() throws IOException {
        redis.stop();
        Eventually.await("strata_warm_tier_available == 0", Duration.ofSeconds(60), () -> {
            // A failed Redis call is what marks the warm tier degraded: keep reading.
            client.get("load", "absent-after-redis-stop");
            return prometheus.query("strata_warm_tier_available == 0");
        }, result -> result.isEmpty() ? "warm tier still reported available" : null);

        Eventually.await("StrataWarmTierDegraded pending", Duration.ofSeconds(30),
                () -> alertStates("StrataWarmTierDegraded"),
                states -> states.contains("pending") ? null : "alert states so far: " + states);
        assertThat(prometheus.query("increase(strata_warm_tier_errors_total[1m]) > 0")).isNotEmpty();
    }

    @Test
    @Order(5)
    void serviceDownFiresWhenTheServerStops() {
        assertThat(alertStates("StrataServiceDown")).as("while the server runs").isEmpty();

        Instant stoppedAt = Instant.now();
        assertThat(server.stop()).as("graceful stop within the grace period").isTrue();

        Eventually.await("StrataServiceDown firing", Duration.ofSeconds(150),
                () -> alertStates("StrataServiceDown"),
                states -> states.contains("firing") ? null : "alert states so far: " + states);
        // The rule says "for: 1m": firing any earlier would mean the rule is not the one checked in.
        assertThat(Duration.between(stoppedAt, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(60));
        assertThat(prometheus.query("up{job=\"strata\"} == 0")).isNotEmpty();
    }

    private double value(String promql) {
        JsonNode result = prometheus.query(promql);
        assertThat(result).as(promql).hasSize(1);
        return Double.parseDouble(result.get(0).path("value").get(1).asText());
    }

    private List<String> alertStates(String alertName) {
        List<String> states = new ArrayList<>();
        for (JsonNode alert : prometheus.alerts()) {
            if (alertName.equals(alert.path("labels").path("alertname").asText())) {
                states.add(alert.path("state").asText());
            }
        }
        return states;
    }

    /** Reads and writes across 200 keys, plus lookups of keys that do not exist (misses, 404). */
    private void putLoad() {
        Instant end = Instant.now().plus(LOAD);
        for (int i = 0; Instant.now().isBefore(end); i++) {
            String key = "k" + (i % 200);
            assertThat(client.put("load", key, "{\"n\":" + i + "}")).as("PUT " + key).isEqualTo(200);
            assertThat(client.get("load", key)).as("GET " + key).isEqualTo(200);
            if (i % 5 == 0) {
                assertThat(client.get("load", "absent-" + i)).as("GET of a missing key").isEqualTo(404);
            }
        }
    }
}

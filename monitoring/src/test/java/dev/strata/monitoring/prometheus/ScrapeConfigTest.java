package dev.strata.monitoring.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.monitoring.MonitoringFiles;
import dev.strata.monitoring.YamlFiles;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scrape jobs match docs/HOST_LAYOUT.md, and both variants use the same job names, because the
 * alert rules select by job ({@code up{job="strata"}} and so on).
 */
class ScrapeConfigTest {

    private static Map<String, JsonNode> jobs(String config) {
        Map<String, JsonNode> jobs = new LinkedHashMap<>();
        YamlFiles.read(MonitoringFiles.prometheusDir().resolve(config)).path("scrape_configs")
                .forEach(job -> jobs.put(job.path("job_name").asText(), job));
        return jobs;
    }

    @Test
    void bothVariantsHaveTheSameJobs() {
        assertThat(jobs("prometheus-single-host.yml").keySet())
                .containsExactlyInAnyOrderElementsOf(jobs("prometheus.yml").keySet())
                .contains("strata", "node", "nginx", "postgres", "redis", "https", "prometheus", "alertmanager");
    }

    @Test
    void appHostsAreDiscoveredByTheirEc2TagOnTheLayoutsPorts() {
        Map<String, JsonNode> jobs = jobs("prometheus.yml");
        Map<String, String> portByJob = Map.of("strata", "8080", "node", "9100", "nginx", "9113");

        portByJob.forEach((job, port) -> {
            JsonNode discovery = jobs.get(job).path("ec2_sd_configs").get(0);
            assertThat(discovery.path("filters").toString()).as(job)
                    .contains("\"tag:strata:role\"").contains("\"app\"");
            assertThat(jobs.get(job).path("relabel_configs").toString()).as(job)
                    .contains("__meta_ec2_private_ip").contains(":" + port);
        });
        assertThat(jobs.get("strata").path("metrics_path").asText()).isEqualTo("/actuator/prometheus");
    }

    @Test
    void monitoringHostExportersAreScrapedOnLoopback() {
        Map<String, JsonNode> jobs = jobs("prometheus.yml");

        assertThat(jobs.get("postgres").path("static_configs").toString()).contains("127.0.0.1:9187");
        assertThat(jobs.get("redis").path("static_configs").toString()).contains("127.0.0.1:9121");
        assertThat(jobs.get("prometheus").path("static_configs").toString()).contains("127.0.0.1:9090");
        assertThat(jobs.get("alertmanager").path("static_configs").toString()).contains("127.0.0.1:9093");
        assertThat(jobs.get("https").path("relabel_configs").toString()).contains("127.0.0.1:9115");
    }

    /** install.sh replaces the one region line with the stack's region. */
    @Test
    void hasExactlyOneRegionLineForTheInstallScriptToReplace() throws Exception {
        long regionLines = java.nio.file.Files.readAllLines(MonitoringFiles.prometheusDir().resolve("prometheus.yml"))
                .stream().filter(line -> line.matches("\\s*- region:.*")).count();

        assertThat(regionLines).isEqualTo(1);
    }
}

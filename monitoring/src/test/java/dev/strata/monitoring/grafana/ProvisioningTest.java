package dev.strata.monitoring.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.monitoring.MonitoringFiles;
import dev.strata.monitoring.YamlFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Grafana provisioning: the datasource the dashboards expect, and a file provider for them. */
class ProvisioningTest {

    private static JsonNode provisioning(String relative) {
        Path file = MonitoringFiles.grafanaDir().resolve("provisioning").resolve(relative);
        return YamlFiles.read(file);
    }

    @Test
    void datasourceIsTheLocalPrometheusWithTheUidDashboardsDefaultTo() {
        JsonNode datasources = provisioning("datasources/prometheus.yml");
        JsonNode prometheus = datasources.path("datasources").get(0);

        assertThat(datasources.path("apiVersion").asInt()).isEqualTo(1);
        assertThat(prometheus.path("type").asText()).isEqualTo("prometheus");
        assertThat(prometheus.path("url").asText()).isEqualTo("http://127.0.0.1:9090");
        assertThat(prometheus.path("isDefault").asBoolean()).isTrue();
        for (Path file : MonitoringFiles.dashboards()) {
            JsonNode variable = Dashboard.read(file).variables().stream()
                    .filter(v -> "datasource".equals(v.path("name").asText())).findFirst().orElseThrow();
            assertThat(variable.path("current").path("value").asText()).as(file.getFileName().toString())
                    .isEqualTo(prometheus.path("uid").asText());
        }
    }

    @Test
    void dashboardProviderReadsFilesFromAnAbsolutePath() {
        JsonNode providers = provisioning("dashboards/strata.yml");
        JsonNode provider = providers.path("providers").get(0);

        assertThat(providers.path("apiVersion").asInt()).isEqualTo(1);
        assertThat(provider.path("type").asText()).isEqualTo("file");
        assertThat(provider.path("options").path("path").asText()).startsWith("/");
        assertThat(provider.path("allowUiUpdates").asBoolean()).isFalse();
    }
}

package dev.strata.infra.monitoring;

import dev.strata.infra.plan.RecordedStack;
import dev.strata.infra.plan.ShippedStacks;
import dev.strata.infra.plan.StackRun;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitoring host's boot script and the repository's monitoring/ files must agree on paths:
 * a rename on either side fails here rather than on a freshly booted host.
 */
class MonitoringFilesContractTest {
    static final Path MONITORING = ShippedStacks.repositoryRoot().resolve("monitoring");
    static final String SCRIPT = MonitoringUserData.SCRIPT.render(Map.ofEntries(
            Map.entry("REGION", "eu-west-1"), Map.entry("BUCKET", "b"), Map.entry("DB_HOST", "d"),
            Map.entry("DB_PORT", "5432"), Map.entry("DB_NAME", "strata"), Map.entry("DB_SECRET_ARN", "a"),
            Map.entry("REDIS_HOST", "r"), Map.entry("REDIS_PORT", "6379"), Map.entry("REDIS_SECRET_ARN", "a"),
            Map.entry("GRAFANA_SECRET_ARN", "a"), Map.entry("ALERT_WEBHOOK_SECRET_ARN", ""),
            Map.entry("PUBLIC_HEALTH_URL", "https://x")));

    @Test
    void prometheusConfigHasTheRegionLineTheBootScriptRewritesAndTheTargetsFileItWrites() throws IOException {
        String prometheus = Files.readString(MONITORING.resolve("prometheus/prometheus.yml"));

        assertThat(prometheus).containsPattern("(?m)^\\s*- region: ").contains("targets/https-endpoints.yml")
                .contains("tag:strata:role");
        assertThat(SCRIPT).contains("/etc/prometheus/targets/https-endpoints.yml");
    }

    @Test
    void alertmanagerReadsTheWebhookFileTheSecretsScriptWrites() throws IOException {
        String alertmanager = Files.readString(MONITORING.resolve("alertmanager/alertmanager.yml"));
        String secrets = MonitoringUserData.SCRIPT.renderFile("strata-monitoring-secrets", Map.of());

        assertThat(alertmanager).contains("api_url_file: /etc/prometheus/secrets/slack-webhook-url");
        assertThat(secrets).contains("/etc/prometheus/secrets/slack-webhook-url");
    }

    @Test
    void grafanaLoadsDashboardsFromWhereTheBootScriptPutsThem() throws IOException {
        String provider = Files.readString(MONITORING.resolve("grafana/provisioning/dashboards/strata.yml"));

        assertThat(provider).contains("path: /var/lib/grafana/dashboards");
        assertThat(SCRIPT).contains("monitoring/grafana/dashboards/\" /var/lib/grafana/dashboards/",
                "monitoring/blackbox/blackbox.yml\" /etc/prometheus/blackbox.yml");
        assertThat(MONITORING.resolve("blackbox/blackbox.yml")).isRegularFile();
    }

    @Test
    void theRepositorysMonitoringDirectoryIsAcceptedAndUploaded() {
        var config = new HashMap<>(ShippedStacks.config("prod"));
        config.remove("strata:monitoringDir");

        RecordedStack run = StackRun.run("prod", config);

        assertThat(run.errors()).isEmpty();
        assertThat(run.ofType("aws:s3/bucketObjectv2:BucketObjectv2")).extracting(o -> o.text("key"))
                .contains("monitoring/prometheus/prometheus.yml", "monitoring/alertmanager/alertmanager.yml",
                        "monitoring/blackbox/blackbox.yml");
    }
}

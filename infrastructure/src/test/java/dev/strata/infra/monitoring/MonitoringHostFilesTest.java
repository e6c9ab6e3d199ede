package dev.strata.infra.monitoring;

import dev.strata.infra.host.BootScript;
import dev.strata.infra.host.HostTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MonitoringHostFilesTest {
    static final Map<String, String> VALUES = Map.ofEntries(
            Map.entry("REGION", "eu-west-1"), Map.entry("BUCKET", "strata-prod-artifacts-x"),
            Map.entry("DB_HOST", "db.example"), Map.entry("DB_PORT", "5432"), Map.entry("DB_NAME", "strata"),
            Map.entry("DB_SECRET_ARN", "arn:db"), Map.entry("REDIS_HOST", "redis.example"),
            Map.entry("REDIS_PORT", "6379"), Map.entry("REDIS_SECRET_ARN", "arn:redis"),
            Map.entry("GRAFANA_SECRET_ARN", "arn:grafana"), Map.entry("ALERT_WEBHOOK_SECRET_ARN", ""),
            Map.entry("PUBLIC_HEALTH_URL", "https://alb.example/actuator/health/readiness"));

    @TempDir
    Path dir;

    @Test
    void userDataIsValidBashWithinTheEc2Limit() throws Exception {
        HostTools.require("bash", Path.of("/bin/bash"), Path.of("/usr/bin/bash"));
        String script = MonitoringUserData.SCRIPT.render(VALUES);
        Files.writeString(dir.resolve("user-data.sh"), script);

        var syntax = HostTools.run(dir, "bash", "-n", "user-data.sh");

        assertThat(syntax.exitCode()).as(syntax.output()).isZero();
        assertThat(script.getBytes().length).isLessThan(BootScript.USER_DATA_LIMIT_BYTES);
        // The files of monitoring/ land where their own comments say, with this stack's region.
        assertThat(script).contains("monitoring/prometheus/\" /etc/prometheus/", "monitoring/alertmanager/\" /etc/prometheus/",
                "- region:).*/\\1 eu-west-1/", "promtool check config /etc/prometheus/prometheus.yml",
                "/etc/prometheus/targets/https-endpoints.yml");
    }

    @Test
    void systemdAcceptsTheSecretRefreshUnits() throws Exception {
        Map<String, String> units = new LinkedHashMap<>();
        for (String unit : List.of("strata-monitoring-secrets.service", "strata-monitoring-secrets.timer")) {
            units.put(unit, MonitoringUserData.SCRIPT.renderFile(unit, VALUES));
        }

        var result = HostTools.verifyUnits(dir, units,
                List.of("/usr/local/sbin/strata-monitoring-secrets", "/bin/systemctl"));

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void secretsScriptIsValidBashAndKeepsFilesGroupReadableOnly() throws Exception {
        HostTools.require("bash", Path.of("/bin/bash"), Path.of("/usr/bin/bash"));
        String script = MonitoringUserData.SCRIPT.renderFile("strata-monitoring-secrets", VALUES);
        Files.writeString(dir.resolve("secrets.sh"), script);

        var syntax = HostTools.run(dir, "bash", "-n", "secrets.sh");

        assertThat(syntax.exitCode()).as(syntax.output()).isZero();
        assertThat(script).contains("chmod 0640", "/etc/prometheus/secrets/slack-webhook-url",
                "GF_SECURITY_ADMIN_PASSWORD", "DATA_SOURCE_PASS", "REDIS_PASSWORD").doesNotContain("set -x");
        // Credentials reach the services through systemd drop-ins, leaving the packages' own
        // /etc/default files (which Grafana's unit needs for its paths) untouched.
        String userData = MonitoringUserData.SCRIPT.render(VALUES);
        assertThat(userData).contains("/etc/systemd/system/grafana-server.service.d/strata.conf",
                "EnvironmentFile=-/etc/strata/secrets/grafana.env",
                "EnvironmentFile=-/etc/strata/secrets/postgres-exporter.env",
                "EnvironmentFile=-/etc/strata/secrets/redis-exporter.env");
        assertThat(script).doesNotContain("/etc/default/grafana-server");
    }
}

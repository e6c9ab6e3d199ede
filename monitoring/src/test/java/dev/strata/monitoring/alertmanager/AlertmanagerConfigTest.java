package dev.strata.monitoring.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.monitoring.MonitoringFiles;
import dev.strata.monitoring.prometheus.RuleFiles;
import dev.strata.monitoring.prometheus.RuleFiles.AlertRule;
import dev.strata.monitoring.tool.ExternalTool;
import dev.strata.monitoring.tool.ToolRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * alertmanager.yml as the real amtool (Debian package "prometheus-alertmanager") reads it: valid,
 * routing by severity, and free of inline secrets.
 */
class AlertmanagerConfigTest {

    private static final Path DIR = MonitoringFiles.alertmanagerConfig().getParent();

    @Test
    void configIsValid() {
        ToolRun run = ToolRun.of(ExternalTool.AMTOOL, DIR, "check-config", "alertmanager.yml");

        assertThat(run.succeeded()).as(run.describe()).isTrue();
        assertThat(run.output()).contains("SUCCESS").contains("1 templates");
    }

    @ParameterizedTest(name = "severity={0} goes to {1}")
    @CsvSource(delimiter = ';', value = {
            "critical;on-call-pager,team-channel",
            "warning;team-channel",
            // A rule that forgot its severity must still reach people.
            "none;team-channel"})
    void routesBySeverity(String severity, String receivers) {
        ToolRun run = ToolRun.of(ExternalTool.AMTOOL, DIR, "config", "routes", "test",
                "--config.file=alertmanager.yml", "--verify.receivers=" + receivers,
                "alertname=Example", "severity=" + severity);

        assertThat(run.succeeded()).as(run.describe()).isTrue();
    }

    @Test
    void everyAlertSeverityHasARoute() {
        for (AlertRule alert : RuleFiles.read(MonitoringFiles.ruleFiles()).alerts()) {
            String severity = alert.labels().get("severity");
            ToolRun run = ToolRun.of(ExternalTool.AMTOOL, DIR, "config", "routes", "test",
                    "--config.file=alertmanager.yml", "alertname=" + alert.name(), "severity=" + severity);

            assertThat(run.output()).as(alert.name() + ": " + run.describe()).contains("team-channel");
        }
    }

    /** amtool renders with its own example alert: the templates exist, parse and execute. */
    @Test
    void notificationTemplatesRender() {
        ToolRun run = ToolRun.of(ExternalTool.AMTOOL, DIR, "template", "render", "--template.glob=templates/*.tmpl",
                "--template.text={{ template \"strata.title\" . }}|{{ template \"strata.text\" . }}");

        assertThat(run.succeeded()).as(run.describe()).isTrue();
        assertThat(run.output()).contains("|").contains("Runbook:");
    }

    @Test
    void keepsChatSecretsInFilesNotInTheConfig() throws IOException {
        String config = Files.readString(MonitoringFiles.alertmanagerConfig());

        assertThat(config).contains("api_url_file:").doesNotContain("api_url:")
                .doesNotContain("hooks.slack.com").doesNotContainPattern("(?i)(password|service_key|routing_key):");
    }
}

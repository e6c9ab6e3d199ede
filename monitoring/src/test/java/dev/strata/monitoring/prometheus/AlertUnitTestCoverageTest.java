package dev.strata.monitoring.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.monitoring.MonitoringFiles;
import dev.strata.monitoring.YamlFiles;
import dev.strata.monitoring.prometheus.RuleFiles.AlertRule;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Every alert has promtool unit tests both ways: at least one evaluation where it must fire and one
 * where it must stay silent. (PromtoolChecksTest runs them.)
 */
class AlertUnitTestCoverageTest {

    @Test
    void everyAlertIsTestedFiringAndSilent() {
        Set<String> firing = new TreeSet<>();
        Set<String> silent = new TreeSet<>();
        for (Path file : MonitoringFiles.ruleTestFiles()) {
            for (JsonNode test : YamlFiles.read(file).path("tests")) {
                for (JsonNode evaluation : test.path("alert_rule_test")) {
                    String alert = evaluation.path("alertname").asText();
                    boolean expectsAlerts = !evaluation.path("exp_alerts").isEmpty();
                    (expectsAlerts ? firing : silent).add(alert);
                }
            }
        }

        SoftAssertions softly = new SoftAssertions();
        for (AlertRule alert : RuleFiles.read(MonitoringFiles.ruleFiles()).alerts()) {
            softly.assertThat(firing).as("a promtool test where " + alert.name() + " fires").contains(alert.name());
            softly.assertThat(silent).as("a promtool test where " + alert.name() + " stays silent")
                    .contains(alert.name());
        }
        softly.assertAll();
        assertThat(firing).isNotEmpty();
    }
}

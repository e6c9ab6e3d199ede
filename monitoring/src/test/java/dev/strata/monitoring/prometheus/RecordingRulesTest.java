package dev.strata.monitoring.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.monitoring.MonitoringFiles;
import dev.strata.monitoring.metrics.KnownMetrics;
import dev.strata.monitoring.metrics.PromQlMetricNames;
import dev.strata.monitoring.prometheus.RuleFiles.RecordingRule;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** The SLI recording rules: named level:metric:operations, built from real metrics only. */
class RecordingRulesTest {

    private final RuleFiles rules = RuleFiles.read(MonitoringFiles.ruleFiles());

    @Test
    void namesFollowTheLevelMetricOperationsConvention() {
        assertThat(rules.recordings()).isNotEmpty()
                .allSatisfy(rule -> assertThat(rule.record()).matches("[a-z_]+:[a-z0-9_]+:[a-z0-9_]+"));
    }

    @Test
    void readOnlyMetricsThatReallyExistOrEarlierRecordings() {
        Set<String> known = new TreeSet<>(KnownMetrics.all());
        SoftAssertions softly = new SoftAssertions();
        for (RecordingRule rule : rules.recordings()) {
            Set<String> used = PromQlMetricNames.of(rule.expr());
            softly.assertThat(known).as(rule.record() + " reads " + used).containsAll(used);
            // Prometheus evaluates a group's rules in order: a rule may only read rules above it.
            known.add(rule.record());
        }
        softly.assertAll();
    }

    @Test
    void recordTheServiceLevelIndicatorsOfTheIssue() {
        Set<String> records = new TreeSet<>(rules.recordings().stream().map(RecordingRule::record).toList());

        assertThat(records).contains(
                "operation:strata_http_requests:rate5m",
                "operation:strata_http_server_errors:ratio_rate5m",
                "operation:strata_http_server_requests_seconds:quantile_rate5m",
                "tier:strata_tier_hit_ratio:rate5m");
    }
}

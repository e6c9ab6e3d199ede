package dev.strata.monitoring.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.monitoring.MonitoringFiles;
import dev.strata.monitoring.YamlFiles;
import dev.strata.monitoring.metrics.KnownMetrics;
import dev.strata.monitoring.metrics.PromQlMetricNames;
import dev.strata.monitoring.prometheus.RuleFiles;
import dev.strata.monitoring.tool.ExternalTool;
import dev.strata.monitoring.tool.ToolRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every dashboard query parses as PromQL (checked by the real promtool: each query becomes a
 * recording rule in its own group named after the panel, so promtool's error names the panel) and
 * reads only metrics that the server, a Debian exporter or our recording rules really produce.
 */
class DashboardQueriesTest {

    private static List<Dashboard.Query> allQueries() {
        List<Dashboard.Query> queries = new ArrayList<>();
        MonitoringFiles.dashboards().forEach(file -> queries.addAll(Dashboard.read(file).queries()));
        return queries;
    }

    @Test
    void everyQueryParses(@TempDir Path dir) {
        List<Dashboard.Query> queries = allQueries();
        List<Map<String, Object>> groups = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            Dashboard.Query query = queries.get(i);
            groups.add(Map.of("name", i + ": " + query.where(), "rules",
                    List.of(Map.of("record", "dashboard:query:" + i, "expr", GrafanaVariables.substitute(query.expr())))));
        }
        Path rules = dir.resolve("dashboard-queries.yml");
        YamlFiles.write(rules, Map.of("groups", groups));

        ToolRun run = ToolRun.of(ExternalTool.PROMTOOL, dir, "check", "rules", rules.toString());

        assertThat(queries).hasSizeGreaterThan(50);
        assertThat(run.succeeded()).as(run.describe()).isTrue();
        assertThat(run.output()).contains("SUCCESS: " + queries.size() + " rules found");
    }

    @Test
    void everyQueryReadsOnlyMetricsThatReallyExist() {
        Set<String> known = new TreeSet<>(KnownMetrics.all());
        RuleFiles.read(MonitoringFiles.ruleFiles()).recordings().forEach(rule -> known.add(rule.record()));

        SoftAssertions softly = new SoftAssertions();
        for (Dashboard.Query query : allQueries()) {
            Set<String> used = PromQlMetricNames.of(GrafanaVariables.substitute(query.expr()));
            softly.assertThat(used).as(query.where() + " reads a metric").isNotEmpty();
            softly.assertThat(known).as(query.where() + " reads " + used).containsAll(used);
        }
        softly.assertAll();
    }

    /** The service overview shows what issue 5 lists for it. */
    @Test
    void overviewShowsTrafficErrorsLatencyTiersHotTierEvictionsAndGroupCommit() {
        Set<String> used = new TreeSet<>();
        Dashboard.read(MonitoringFiles.dashboardsDir().resolve("strata-overview.json")).queries()
                .forEach(query -> used.addAll(PromQlMetricNames.of(GrafanaVariables.substitute(query.expr()))));

        assertThat(used).contains(
                "operation:strata_http_requests:rate5m",
                "operation:strata_http_server_errors:ratio_rate5m",
                "operation:strata_http_server_requests_seconds:quantile_rate5m",
                "tier:strata_tier_hit_ratio:rate5m",
                "tier_operation:strata_tier_operation_seconds:quantile_rate5m",
                "strata_hot_tier_bytes",
                "strata_tier_evictions_total",
                "strata_group_commit_queue_depth",
                "strata_group_commit_batch_size_sum");
    }
}

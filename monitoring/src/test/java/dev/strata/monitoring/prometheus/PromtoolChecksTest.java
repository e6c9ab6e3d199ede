package dev.strata.monitoring.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.monitoring.MonitoringFiles;
import dev.strata.monitoring.tool.ExternalTool;
import dev.strata.monitoring.tool.ToolRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The real promtool (Debian package "prometheus") accepts everything the monitoring host loads. */
class PromtoolChecksTest {

    @ParameterizedTest
    @ValueSource(strings = {"prometheus.yml", "prometheus-single-host.yml"})
    void configIsValidIncludingItsRuleFiles(String config) {
        ToolRun run = ToolRun.of(ExternalTool.PROMTOOL, MonitoringFiles.prometheusDir(), "check", "config", config);

        assertThat(run.succeeded()).as(run.describe()).isTrue();
        // check config also checks the rule files it loads: make sure it found all of them.
        assertThat(run.output()).as(run.describe())
                .contains("SUCCESS: " + MonitoringFiles.ruleFiles().size() + " rule files found");
    }

    @Test
    void ruleFilesAreValidAndLintClean() {
        List<String> args = new ArrayList<>(List.of("check", "rules", "--lint=all"));
        MonitoringFiles.ruleFiles().forEach(file -> args.add(file.toString()));

        ToolRun run = ToolRun.of(ExternalTool.PROMTOOL, MonitoringFiles.prometheusDir(), args.toArray(String[]::new));

        assertThat(run.succeeded()).as(run.describe()).isTrue();
        assertThat(run.output()).as(run.describe()).doesNotContain("FAILED").doesNotContain("WARNING");
    }

    @Test
    void alertUnitTestsPass() {
        List<Path> tests = MonitoringFiles.ruleTestFiles();
        List<String> args = new ArrayList<>(List.of("test", "rules"));
        tests.forEach(file -> args.add(file.getFileName().toString()));

        ToolRun run = ToolRun.of(ExternalTool.PROMTOOL, MonitoringFiles.ruleTestsDir(), args.toArray(String[]::new));

        assertThat(tests).as("promtool test files").isNotEmpty();
        assertThat(run.succeeded()).as(run.describe()).isTrue();
        assertThat(run.output()).as(run.describe()).doesNotContain("FAILED");
    }
}

package dev.strata.monitoring.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.monitoring.MonitoringFiles;
import dev.strata.monitoring.metrics.KnownMetrics;
import dev.strata.monitoring.metrics.PromQlMetricNames;
import dev.strata.monitoring.prometheus.RuleFiles.AlertRule;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** Conventions every alert follows, and the alerts issue 5 asks for. */
class AlertRulesTest {

    private static final Set<String> SEVERITIES = Set.of("critical", "warning");
    private static final Pattern RUNBOOK = Pattern.compile(
            "(DEPLOYMENT_GUIDE\\.md|deployment-fixes/README\\.md)#runbook-[a-z0-9-]+");

    private final RuleFiles rules = RuleFiles.read(MonitoringFiles.ruleFiles());

    @Test
    void everyAlertHasSeverityComponentAndTheAnnotationsOnCallNeeds() {
        SoftAssertions softly = new SoftAssertions();
        for (AlertRule alert : rules.alerts()) {
            softly.assertThat(alert.labels().get("severity")).as(alert.name() + " severity").isIn(SEVERITIES);
            softly.assertThat(alert.labels()).as(alert.name() + " labels").containsKey("component");
            softly.assertThat(alert.annotations().get("summary")).as(alert.name() + " summary").isNotBlank();
            softly.assertThat(alert.annotations().get("description")).as(alert.name() + " description")
                    .isNotBlank();
            softly.assertThat(alert.annotations().get("runbook_url")).as(alert.name() + " runbook_url")
                    .isNotNull().matches(RUNBOOK);
        }
        softly.assertAll();
    }

    /** A runbook link that points at no heading lands the on-call at the top of a long guide. */
    @Test
    void everyRunbookUrlPointsAtAHeadingThatExists() throws IOException {
        SoftAssertions softly = new SoftAssertions();
        for (AlertRule alert : rules.alerts()) {
            String url = alert.annotations().get("runbook_url");
            if (url == null || !RUNBOOK.matcher(url).matches()) {
                continue; // reported by the conventions test above
            }
            String file = url.substring(0, url.indexOf('#'));
            String anchor = url.substring(url.indexOf('#') + 1);
            Set<String> anchors = headingAnchors(file);
            softly.assertThat(anchors).as(alert.name() + " runbook " + url).contains(anchor);
        }
        softly.assertAll();
    }

    /** GitHub's heading anchors: lower case, punctuation other than '-' dropped, spaces to '-'. */
    private static Set<String> headingAnchors(String file) throws IOException {
        Set<String> anchors = new TreeSet<>();
        for (String line : Files.readAllLines(MonitoringFiles.repositoryDir().resolve(file))) {
            if (line.startsWith("#")) {
                String title = line.replaceFirst("^#+\\s*", "").trim().toLowerCase(Locale.ROOT);
                anchors.add(title.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }

    @Test
    void alertNamesAreUnique() {
        List<String> names = rules.alerts().stream().map(AlertRule::name).toList();

        assertThat(names).doesNotHaveDuplicates();
    }

    @Test
    void everyAlertReadsOnlyMetricsThatReallyExist() {
        Set<String> known = new TreeSet<>(KnownMetrics.all());
        rules.recordings().forEach(recording -> known.add(recording.record()));

        SoftAssertions softly = new SoftAssertions();
        for (AlertRule alert : rules.alerts()) {
            Set<String> used = PromQlMetricNames.of(alert.expr());
            softly.assertThat(used).as(alert.name() + " reads a metric").isNotEmpty();
            softly.assertThat(known).as(alert.name() + " (" + alert.file().getFileName() + ") reads " + used)
                    .containsAll(used);
        }
        softly.assertAll();
    }

    /** The list in issue 5, by topic; renaming an alert means updating README and runbooks too. */
    @Test
    void coversEveryAlertTheIssueAsksFor() {
        Set<String> names = new TreeSet<>(rules.alerts().stream().map(AlertRule::name).toList());

        assertThat(names).contains(
                "StrataServiceDown", "StrataHighServerErrorRatio",
                "StrataHotTierSlow", "StrataWarmTierSlow", "StrataDurableTierSlow",
                "StrataHotTierHitRatioCollapse", "StrataWarmTierDegraded", "StrataDurableWriteFailures",
                "StrataGroupCommitSaturated", "StrataJvmHeapPressure", "StrataJvmGcPressure",
                "PostgresDown", "PostgresTooManyConnections", "PostgresReplicationLag",
                "RedisDown", "RedisMemoryHigh", "RedisEvictions", "RedisRejectedWrites",
                "NginxDown", "HostDiskSpaceLow", "HostMemoryLow", "HostHighCpu", "CertificateExpiresSoon");
    }
}

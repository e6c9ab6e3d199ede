package dev.strata.monitoring.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.monitoring.MonitoringFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * known-metrics/strata-service.txt must say the same as docs/METRICS.md, the contract the server is
 * written against: every documented metric is listed, and nothing undocumented is.
 */
class ServiceMetricsContractTest {

    private static final Pattern BACKTICKED_NAME = Pattern.compile("`([a-z][a-z0-9_]*)`");
    private static final Pattern SERIES_SUFFIX = Pattern.compile("_(bucket|count|sum|max)$");

    @Test
    void listsExactlyTheMetricsOfTheContract() throws IOException {
        Set<String> documented = documentedBaseNames();
        Set<String> listed = baseNames(KnownMetrics.load("strata-service.txt"));

        assertThat(documented).as("docs/METRICS.md names").hasSizeGreaterThan(25);
        assertThat(listed).as("base names in strata-service.txt vs docs/METRICS.md")
                .containsExactlyInAnyOrderElementsOf(documented);
    }

    @Test
    void histogramsHaveAllTheirSeries() {
        Set<String> listed = KnownMetrics.load("strata-service.txt");
        for (String histogram : Set.of("strata_http_server_requests_seconds", "strata_tier_operation_seconds",
                "strata_group_commit_batch_size", "strata_group_commit_seconds")) {
            assertThat(listed).contains(histogram + "_bucket", histogram + "_count", histogram + "_sum",
                    histogram + "_max");
        }
    }

    /** Names in the first column of the table plus those in the "Also exported" paragraph. */
    private static Set<String> documentedBaseNames() throws IOException {
        String doc = Files.readString(MonitoringFiles.repositoryDir().resolve("docs/METRICS.md"));
        StringBuilder scope = new StringBuilder();
        doc.lines().filter(line -> line.startsWith("| `"))
                .forEach(row -> scope.append(row, 0, row.indexOf('|', 1)).append('\n'));
        int alsoExported = doc.indexOf("Also exported");
        if (alsoExported >= 0) {
            int paragraphEnd = doc.indexOf("\n\n", alsoExported);
            scope.append(doc, alsoExported, paragraphEnd < 0 ? doc.length() : paragraphEnd);
        }
        Set<String> names = new TreeSet<>();
        Matcher name = BACKTICKED_NAME.matcher(scope);
        while (name.find()) {
            names.add(name.group(1));
        }
        return names;
    }

    /**
     * The name as documented. Histogram and timer series (_bucket, _count, _sum, _max) fold into
     * their base name, recognised by the _count series; hikaricp_connections_max stays itself.
     */
    private static Set<String> baseNames(Set<String> seriesNames) {
        Set<String> bases = new TreeSet<>();
        for (String series : seriesNames) {
            String base = SERIES_SUFFIX.matcher(series).replaceFirst("");
            bases.add(seriesNames.contains(base + "_count") ? base : series);
        }
        return bases;
    }
}

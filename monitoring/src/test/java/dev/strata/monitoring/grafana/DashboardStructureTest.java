package dev.strata.monitoring.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.monitoring.MonitoringFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What Grafana needs to import a dashboard unchanged and what on-call needs to read it: the checks
 * stand in for Grafana itself, which is not installable here.
 */
class DashboardStructureTest {

    private static final Set<String> PANEL_TYPES = Set.of("row", "timeseries", "stat");

    static Stream<Path> dashboards() {
        return MonitoringFiles.dashboards().stream();
    }

    @Test
    void theIssuesDashboardsExistWithUniqueUids() {
        List<String> uids = dashboards().map(Dashboard::read).map(d -> d.json().path("uid").asText()).toList();

        assertThat(uids).doesNotHaveDuplicates()
                .contains("strata-overview", "strata-jvm", "strata-postgres", "strata-redis", "strata-hosts");
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void topLevelFieldsAreThere(Path file) {
        JsonNode json = Dashboard.read(file).json();

        assertThat(file.getFileName().toString()).isEqualTo(json.path("uid").asText() + ".json");
        assertThat(json.path("title").asText()).startsWith("Strata / ");
        assertThat(json.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        assertThat(json.path("tags").toString()).contains("\"strata\"");
        assertThat(json.path("panels").isArray()).isTrue();
        assertThat(json.path("time").path("from").asText()).isNotBlank();
        // Provisioned dashboards have no numeric id; Grafana assigns one.
        assertThat(json.has("id")).isFalse();
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void panelsAreCompleteAndUseTheDatasourceVariable(Path file) {
        Dashboard dashboard = Dashboard.read(file);
        SoftAssertions softly = new SoftAssertions();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.panels()) {
            String title = dashboard.name() + " / \"" + panel.path("title").asText() + "\"";
            softly.assertThat(ids.add(panel.path("id").asInt(-1))).as(title + " has a unique id").isTrue();
            softly.assertThat(panel.path("type").asText()).as(title + " type").isIn(PANEL_TYPES);
            softly.assertThat(panel.path("title").asText()).as(title + " title").isNotBlank();
            if ("row".equals(panel.path("type").asText())) {
                continue;
            }
            softly.assertThat(panel.path("description").asText()).as(title + " description").isNotBlank();
            softly.assertThat(panel.path("datasource").path("uid").asText()).as(title + " datasource")
                    .isEqualTo("${datasource}");
            softly.assertThat(panel.path("targets").size()).as(title + " targets").isPositive();
            Set<String> refIds = new HashSet<>();
            for (JsonNode target : panel.path("targets")) {
                softly.assertThat(refIds.add(target.path("refId").asText())).as(title + " unique refId").isTrue();
                softly.assertThat(target.path("expr").asText()).as(title + " expr").isNotBlank();
            }
        }
        softly.assertAll();
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void panelsFitTheGridWithoutOverlapping(Path file) {
        Dashboard dashboard = Dashboard.read(file);
        List<int[]> boxes = new ArrayList<>();
        for (JsonNode panel : dashboard.panels()) {
            JsonNode grid = panel.path("gridPos");
            int x = grid.path("x").asInt(-1);
            int y = grid.path("y").asInt(-1);
            int w = grid.path("w").asInt(0);
            int h = grid.path("h").asInt(0);
            String title = panel.path("title").asText();
            assertThat(x).as(title + " x").isBetween(0, 23);
            assertThat(y).as(title + " y").isNotNegative();
            assertThat(w).as(title + " w").isPositive();
            assertThat(h).as(title + " h").isPositive();
            assertThat(x + w).as(title + " right edge").isLessThanOrEqualTo(24);
            for (int[] other : boxes) {
                boolean overlaps = x < other[0] + other[2] && other[0] < x + w && y < other[1] + other[3]
                        && other[1] < y + h;
                assertThat(overlaps).as(title + " overlaps another panel").isFalse();
            }
            boxes.add(new int[] {x, y, w, h});
        }
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void everyVariableUsedIsDefined(Path file) {
        Dashboard dashboard = Dashboard.read(file);
        Set<String> defined = new TreeSet<>(GrafanaVariables.BUILT_IN_DURATIONS);
        dashboard.variables().forEach(variable -> defined.add(variable.path("name").asText()));

        JsonNode datasource = dashboard.variables().stream()
                .filter(variable -> "datasource".equals(variable.path("name").asText())).findFirst().orElseThrow();
        assertThat(datasource.path("type").asText()).isEqualTo("datasource");
        assertThat(datasource.path("query").asText()).isEqualTo("prometheus");
        for (Dashboard.Query query : dashboard.queries()) {
            assertThat(defined).as(query.where() + " uses variables").containsAll(
                    GrafanaVariables.referencedIn(query.expr()));
        }
    }
}

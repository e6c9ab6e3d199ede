package dev.strata.monitoring.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GrafanaVariablesTest {

    private static final String QUERY =
            "sum by (instance) (rate(strata_rate_limited_total{instance=~\"$instance\", job=~\"${job:regex}\"}[$__rate_interval]))";

    @Test
    void findsPlainBracedAndFormattedVariables() {
        assertThat(GrafanaVariables.referencedIn(QUERY)).containsExactly("__rate_interval", "instance", "job");
    }

    @Test
    void substitutesIntervalsWithADurationAndOtherVariablesWithAMatchAllRegex() {
        assertThat(GrafanaVariables.substitute(QUERY)).isEqualTo(
                "sum by (instance) (rate(strata_rate_limited_total{instance=~\".*\", job=~\".*\"}[5m]))");
    }
}

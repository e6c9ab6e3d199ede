package dev.strata.monitoring.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlMetricNamesTest {

    @Test
    void keepsSelectorsAndDropsFunctionsAggregationsAndGroupingLabels() {
        assertThat(PromQlMetricNames.of(
                "sum by (operation, le) (rate(strata_http_server_requests_seconds_bucket{outcome=\"SERVER_ERROR\"}[5m]))"))
                .containsExactly("strata_http_server_requests_seconds_bucket");
    }

    @Test
    void keepsRecordedNamesWithColonsAndBothSidesOfBinaryOperators() {
        assertThat(PromQlMetricNames.of(
                "tier:strata_tier_hit_ratio:rate5m{tier=\"hot\"} < 0.5 * (tier:strata_tier_hit_ratio:rate5m offset 1h)"
                        + " and on (tier) tier:strata_tier_lookups:rate5m > 1"))
                .containsExactly("tier:strata_tier_hit_ratio:rate5m", "tier:strata_tier_lookups:rate5m");
    }

    @Test
    void ignoresNumbersDurationsStringsAndKeywords() {
        assertThat(PromQlMetricNames.of(
                "probe_ssl_earliest_cert_expiry - time() < 14 * 86400 or vector(1e3) unless label_replace(up, \"a\", \"$1\", \"b\", \"(x)\")"
                        + " > bool 0x1F"))
                .containsExactly("probe_ssl_earliest_cert_expiry", "up");
    }

    @Test
    void seesNamesInsideMatchersOnlyAsMatchers() {
        // A label value that looks like a metric name must not be reported.
        assertThat(PromQlMetricNames.of("max by (job, instance) (pg_stat_activity_count{datname=\"strata_total\"})"))
                .containsExactly("pg_stat_activity_count");
    }

    @Test
    void findsNothingInAPureFunctionOfConstants() {
        assertThat(PromQlMetricNames.of("time() - 3600")).isEmpty();
    }
}

package dev.strata.service.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.service.api.ApiException;
import dev.strata.service.tier.durable.Precondition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ETags are quoted versions; If-Match / If-None-Match become preconditions or a 400. */
class PreconditionsTest {

    @Test
    void etagIsTheQuotedVersionAndParsesBack() {
        assertThat(Preconditions.etag(1700000000000123L)).isEqualTo("\"1700000000000123\"");
        assertThat(Preconditions.parseEtag(Preconditions.etag(42), "If-Match")).isEqualTo(42);
        assertThat(Preconditions.parseEtag("  \"7\" ", "If-Match")).isEqualTo(7);
    }

    @Test
    void headersMapToPreconditions() {
        assertThat(Preconditions.fromHeaders(null, null)).isEqualTo(Precondition.NONE);
        assertThat(Preconditions.fromHeaders("*", null)).isEqualTo(Precondition.EXISTS);
        assertThat(Preconditions.fromHeaders(" * ", null)).isEqualTo(Precondition.EXISTS);
        assertThat(Preconditions.fromHeaders(null, "*")).isEqualTo(Precondition.ABSENT);
        assertThat(Preconditions.fromHeaders("\"9\"", null)).isEqualTo(Precondition.versionIs(9));
        assertThat(Preconditions.fromIfMatch(null, "ifMatch")).isEqualTo(Precondition.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "\"\"", "\"abc\"", "W/\"1\"", "\"0\"", "\"-3\"", "\"1\", \"2\"", "\"99999999999999999999\"", "\"1"})
    void malformedIfMatchIsABadRequest(String header) {
        assertThatThrownBy(() -> Preconditions.fromHeaders(header, null)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().value()).isEqualTo(400);
            assertThat(e.type()).isEqualTo("invalid-precondition");
            assertThat(e.getMessage()).contains("If-Match");
        });
    }

    @Test
    void ifNoneMatchOnWritesAcceptsOnlyTheWildcard() {
        assertThatThrownBy(() -> Preconditions.fromHeaders(null, "\"5\"")).isInstanceOf(ApiException.class)
                .hasMessageContaining("If-None-Match");
    }

    @Test
    void bothHeadersTogetherAreRefused() {
        assertThatThrownBy(() -> Preconditions.fromHeaders("*", "*")).isInstanceOf(ApiException.class)
                .hasMessageContaining("not both");
    }

    @Test
    void batchFieldNameAppearsInTheMessage() {
        assertThatThrownBy(() -> Preconditions.fromIfMatch("nope", "operations[3].ifMatch"))
                .isInstanceOf(ApiException.class).hasMessageContaining("operations[3].ifMatch");
    }
}

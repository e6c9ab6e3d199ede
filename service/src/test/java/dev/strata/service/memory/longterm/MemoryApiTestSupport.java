package dev.strata.service.memory.longterm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.service.support.ApiClient.Response;

/** Assertions shared by the memory API tests. */
public final class MemoryApiTestSupport {

    private MemoryApiTestSupport() {
    }

    public static void assertProblem(Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo("https://strata.dev/problems/" + type);
    }
}

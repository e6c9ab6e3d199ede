package dev.strata.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.service.support.ApiClient;
import dev.strata.service.support.ApiClient.Tenant;
import dev.strata.service.support.EmbeddedStores;
import dev.strata.service.support.RawHttp;
import dev.strata.service.support.SharedServer;
import dev.strata.service.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed requests get a 4xx problem body, never a 500 or a stack trace, and change nothing:
 * data written before the battery is intact after it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputBatteryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ApiClient api;
    private static RawHttp raw;
    private static Tenant owner;
    private static String victimEtag;
    private static String otherEtag;

    @BeforeAll
    static void writeDataTheBatteryMustNotTouch() {
        api = SharedServer.get().client();
        raw = new RawHttp(api.baseUrl());
        owner = api.newTenant();
        victimEtag = api.as(owner, "PUT", "/v1/kv/ns/victim", "{\"keep\":\"me\"}").header("ETag");
        otherEtag = api.as(owner, "PUT", "/v1/kv/ns/other", "[1,2,3]").header("ETag");
        assertThat(victimEtag).isNotNull();
        assertThat(otherEtag).isNotNull();
    }

    static Stream<BadRequest> battery() {
        return BadInputCases.all().stream();
    }

    @Test
    @Order(0)
    void theBatteryIsLargeEnough() {
        assertThat(BadInputCases.all()).hasSizeGreaterThanOrEqualTo(50);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("battery")
    @Order(1)
    void malformedRequestGetsAProblemBody(BadRequest request) throws Exception {
        RawHttp.Response response = raw.send(request.method(), fill(request.target()), headers(request), request.body() == null
                ? null : fill(request.body()));

        assertThat(response.status()).as("status of: %s; body: %s", request.name(), response.body()).isEqualTo(request.expectedStatus());
        assertThat(response.header("Content-Type")).as("content type").startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.").doesNotContain("at org.")
                .doesNotContain("at java.").doesNotContain(TestServer.ADMIN_TOKEN).doesNotContain(owner.apiKey());
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asText()).startsWith("https://strata.dev/problems/");
        assertThat(problem.path("status").asInt()).isEqualTo(response.status());
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
    }

    @Test
    @Order(2)
    void theBatteryLostNothing() throws Exception {
        ApiClient.Response victim = api.as(owner, "GET", "/v1/kv/ns/victim", null);
        assertThat(victim.status()).isEqualTo(200);
        assertThat(victim.body()).isEqualTo("{\"keep\":\"me\"}");
        assertThat(victim.header("ETag")).isEqualTo(victimEtag);
        ApiClient.Response other = api.as(owner, "GET", "/v1/kv/ns/other", null);
        assertThat(other.body()).isEqualTo("[1,2,3]");
        assertThat(other.header("ETag")).isEqualTo(otherEtag);
        assertThat(api.as(owner, "GET", "/v1/kv/ns", null).json().get("items")).hasSize(2);
        assertThat(api.admin("GET", "/v1/admin/tenants/" + owner.id(), null).status()).isEqualTo(200);

        // PostgreSQL itself: the owner has exactly its two items, and no tenant named in a refused request exists.
        try (Connection db = DriverManager.getConnection(EmbeddedStores.postgresUrl(), "postgres", "postgres")) {
            assertThat(count(db, "SELECT count(*) FROM kv_items WHERE tenant_id = ?", owner.id())).isEqualTo(2);
            assertThat(count(db, "SELECT count(*) FROM kv_items WHERE tenant_id = ? AND version::text = trim(both '\"' from ?)",
                    owner.id(), victimEtag)).isEqualTo(1);
            assertThat(count(db, "SELECT count(*) FROM tenants WHERE id LIKE 'bf-%' OR id = ?", "t".repeat(64))).isZero();
        }
    }

    private static long count(Connection db, String sql, String... parameters) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static List<String> headers(BadRequest request) {
        List<String> headers = new ArrayList<>();
        switch (request.credentials()) {
            case TENANT -> headers.add("Authorization: Bearer " + owner.apiKey());
            case ADMIN -> headers.add("Authorization: Bearer " + TestServer.ADMIN_TOKEN);
            case NONE -> { }
        }
        headers.addAll(request.headers());
        return headers;
    }

    /** Replaces {tenant} with the owner's id; bytes outside the placeholder are kept as they are. */
    private static byte[] fill(byte[] template) {
        String text = new String(template, StandardCharsets.ISO_8859_1);
        return text.replace("{tenant}", owner.id()).getBytes(StandardCharsets.ISO_8859_1);
    }
}

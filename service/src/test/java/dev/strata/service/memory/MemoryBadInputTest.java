package dev.strata.service.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.service.support.ApiClient;
import dev.strata.service.support.ApiClient.Response;
import dev.strata.service.support.ApiClient.Tenant;
import dev.strata.service.support.SharedServer;
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
 * Every semantic-memory endpoint answers malformed input with a 4xx problem body — never a 500 —
 * and writes nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MemoryBadInputTest {

    private static ApiClient api;
    private static Tenant tenant;

    @BeforeAll
    static void start() {
        api = SharedServer.get().client();
        tenant = api.newTenant();
    }

    record Case(String method, String path, String body) {
        @Override
        public String toString() {
            return method + " " + path + " " + (body == null ? "" : body.substring(0, Math.min(60, body.length())));
        }
    }

    static Stream<Case> cases() {
        List<String> bodies = List.of("", "null", "[]", "{", "\"text\"", "42", "{\"userId\":123}", "{\"userId\":[\"a\"]}",
                "{\"userId\":\"u\",\"text\":{\"a\":1}}", "{\"userId\":\"u\",\"text\":\"t\",\"topics\":\"x\"}",
                "{\"userId\":\"u\",\"text\":\"t\",\"importance\":\"high\"}", "{\"userId\":\"u\",\"text\":\"t\",\"metadata\":[1]}",
                "{\"userId\":\"u\",\"query\":\"q\",\"topK\":\"ten\"}", "{\"userId\":\"u\",\"query\":\"q\",\"topK\":1e99}",
                "{\"userId\":\"u\",\"query\":\"q\",\"minSimilarity\":\"NaN\"}", "{\"userId\":\"u\",\"query\":\"q\",\"recencyHalfLifeHours\":-1}",
                "{\"userId\":\"u\",\"role\":7,\"content\":\"c\"}", "{\"userId\":\"u\",\"messages\":{}}", "{\"userId\":\"u\",\"messages\":[1]}",
                "{\"userId\":\"u\",\"name\":\"\"}", "{\"userId\":\"u\",\"sourceId\":null,\"relation\":\"r\",\"targetId\":null}",
                "{\"userId\":\"u\",\"text\":\"" + "x".repeat(9000) + "\"}", "{\"memories\":[{\"userId\":\"u\"}]}",
                "{\"userId\":\"u\",\"text\":\"t\",\"topics\":[\"" + "y".repeat(100) + "\"]}", "{\"userId\":\"\u0000\",\"text\":\"t\"}");
        List<String> posts = List.of("/v1/memories", "/v1/memories/search", "/v1/sessions/s1/messages", "/v1/entities", "/v1/relations");
        List<Case> cases = new ArrayList<>();
        for (String path : posts) {
            for (String body : bodies) {
                cases.add(new Case("POST", path, body));
            }
        }
        cases.add(new Case("PATCH", "/v1/memories/none", "{\"text\":\"x\"}"));
        cases.add(new Case("PATCH", "/v1/memories/none", "{\"colour\":\"x\"}"));
        cases.add(new Case("PUT", "/v1/memories", "{}"));
        cases.add(new Case("GET", "/v1/memories/search", null));
        cases.add(new Case("GET", "/v1/sessions/%20/messages", null));
        cases.add(new Case("GET", "/v1/sessions/s1/messages?tokens=-5", null));
        cases.add(new Case("POST", "/v1/sessions/s1:consolidate?userId=%2F", null));
        cases.add(new Case("GET", "/v1/users/%2E%2E/summary", null));
        cases.add(new Case("GET", "/v1/users/u/context?tokens=99999999", null));
        cases.add(new Case("GET", "/v1/users/u/context?query=", null));
        cases.add(new Case("GET", "/v1/users/u/export?format=csv", null));
        cases.add(new Case("POST", "/v1/users/u/import", "{\"type\":\"memory\",\"text\":\"t\",\"createdAt\":\"yesterday\"}"));
        cases.add(new Case("POST", "/v1/users/u/import", "{\"type\":\"relation\",\"sourceId\":\"a\",\"relation\":\"r\",\"targetId\":\"b\"}"));
        cases.add(new Case("POST", "/v1/users/u/import", "{\"type\":\"message\",\"sessionId\":\"s\"}"));
        cases.add(new Case("DELETE", "/v1/users/bad%20user", null));
        cases.add(new Case("GET", "/v1/entities?userId=u&query=" + "q".repeat(3000), null));
        cases.add(new Case("GET", "/v1/relations", null));
        return cases.stream();
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void malformedInputGetsA4xxProblem(Case c) {
        Response response = api.as(tenant, c.method(), c.path(), c.body());
        assertThat(response.status()).as(c + " -> " + response.body()).isBetween(400, 499);
        assertThat(response.header("Content-Type")).as(c.toString()).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("Exception", "at dev.strata");
    }

    @Order(2)
    @Test
    void nothingWasWritten() {
        assertThat(api.as(tenant, "GET", "/v1/users/u/summary", null).json().get("counts").toString()).matches("[^1-9]*");
    }
}

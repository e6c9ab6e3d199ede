package dev.strata.service.memory.session;

import static dev.strata.service.memory.longterm.MemoryApiTestSupport.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.service.memory.embedding.TokenCounter;
import dev.strata.service.support.ApiClient;
import dev.strata.service.support.ApiClient.Response;
import dev.strata.service.support.ApiClient.Tenant;
import dev.strata.service.support.SharedServer;
import dev.strata.service.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sessions: token window, folding into the summary, reset, consolidation, TTL, restart. */
class SessionApiTest {

    private static ApiClient api;
    private Tenant tenant;

    @BeforeAll
    static void startServer() {
        api = SharedServer.get().client();
    }

    @BeforeEach
    void newTenant() {
        tenant = api.newTenant();
    }

    private Response post(String session, String user, String role, String content) {
        return api.as(tenant, "POST", "/v1/sessions/" + session + "/messages",
                "{\"userId\":\"" + user + "\",\"role\":\"" + role + "\",\"content\":\"" + content + "\"}");
    }

    @Test
    void messagesComeBackInTheWindowWithRealTokenCounts() {
        Response first = post("s1", "alice", "user", "Hello, I need help planning a trip to Kyoto.");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        api.as(tenant, "POST", "/v1/sessions/s1/messages", """
                {"userId":"alice","messages":[{"role":"assistant","content":"Sure! When are you travelling?","metadata":{"model":"x"}},
                                              {"role":"tool","content":"weather(kyoto) = sunny"}]}""");
        JsonNode window = api.as(tenant, "GET", "/v1/sessions/s1/messages?userId=alice", null).json().get("window");
        assertThat(window.get("messages")).hasSize(3);
        assertThat(window.get("messages").get(1).get("role").asText()).isEqualTo("assistant");
        assertThat(window.get("messages").get(1).get("metadata").get("model").asText()).isEqualTo("x");
        int expected = new TokenCounter().count("user: Hello, I need help planning a trip to Kyoto.");
        assertThat(window.get("messages").get(0).get("tokens").asInt()).isEqualTo(expected).isLessThan(20).isGreaterThan(10);
        assertThat(window.get("omittedMessages").asInt()).isZero();

        JsonNode listed = api.as(tenant, "GET", "/v1/sessions?userId=alice", null).json().get("sessions");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("sessionId").asText()).isEqualTo("s1");
        assertThat(api.as(tenant, "GET", "/v1/sessions?userId=nobody", null).json().get("sessions")).isEmpty();

        JsonNode small = api.as(tenant, "GET", "/v1/sessions/s1/messages?tokens=15", null).json().get("window");
        assertThat(small.get("messages").size()).isLessThan(3);
        assertThat(small.get("windowTokens").asInt()).isLessThanOrEqualTo(15);
        assertThat(small.get("omittedMessages").asInt()).isPositive();
    }

    @Test
    void aLongConversationFoldsIntoTheSummaryAndNothingDisappears() {
        post("long", "bob", "user", "My passport number is P-7731 and it expires in March 2027.");
        for (int i = 0; i < 120; i++) {
            post("long", "bob", i % 2 == 0 ? "assistant" : "user",
                    "This is filler message number " + i + " about ordinary things that happen during a long and winding conversation, with some more words to make it longer than before.");
        }
        Response response = api.as(tenant, "GET", "/v1/sessions/long/messages?all=true", null);
        JsonNode window = response.json().get("window");
        assertThat(window.get("foldedMessages").asInt()).isPositive();
        assertThat(window.get("windowTokens").asInt()).isLessThanOrEqualTo(2000);
        assertThat(window.get("summary").asText()).contains("P-7731");
        assertThat(response.json().get("allMessages")).hasSize(121);
        int windowTokens = 0;
        for (JsonNode message : window.get("messages")) {
            windowTokens += message.get("tokens").asInt();
        }
        assertThat(windowTokens + window.get("summaryTokens").asInt()).isEqualTo(window.get("windowTokens").asInt());
    }

    @Test
    void consolidationTurnsTheSessionIntoSearchableMemoriesAndRemovesIt() {
        post("c1", "carol", "user", "Please remember that my daughter Emma is allergic to penicillin.");
        post("c1", "carol", "assistant", "Noted, I will keep that in mind.");
        post("c1", "carol", "user", "ok thanks");
        Response consolidated = api.as(tenant, "POST", "/v1/sessions/c1:consolidate?userId=carol", null);
        assertThat(consolidated.status()).as(consolidated.body()).isEqualTo(200);
        assertThat(consolidated.json().get("memories")).hasSize(1);
        assertThat(consolidated.json().get("removed").asBoolean()).isTrue();
        assertThat(api.as(tenant, "GET", "/v1/sessions/c1/messages", null).status()).isEqualTo(404);

        JsonNode found = api.as(tenant, "POST", "/v1/memories/search", "{\"userId\":\"carol\",\"query\":\"medicine allergies in the family\",\"topK\":1}").json();
        assertThat(found.get("results").get(0).get("memory").get("text").asText()).contains("penicillin");
        assertThat(found.get("results").get(0).get("memory").get("sessionId").asText()).isEqualTo("c1");
    }

    @Test
    void resetOwnershipAndTenantIsolation() {
        post("r1", "dan", "user", "I prefer window seats");
        assertProblem(post("r1", "erin", "user", "hijack"), 409, "session-owner-mismatch");
        assertThat(api.as(tenant, "GET", "/v1/sessions/r1/messages?userId=erin", null).status()).isEqualTo(404);
        Tenant other = api.newTenant();
        assertThat(api.as(other, "GET", "/v1/sessions/r1/messages", null).status()).isEqualTo(404);
        assertThat(api.as(other, "DELETE", "/v1/sessions/r1", null).status()).isEqualTo(404);

        assertThat(api.as(tenant, "DELETE", "/v1/sessions/r1", null).status()).isEqualTo(204);
        assertThat(api.as(tenant, "GET", "/v1/sessions/r1/messages", null).status()).isEqualTo(404);
        assertThat(post("r1", "erin", "user", "a fresh start").status()).as("a reset session can start over").isEqualTo(201);
    }

    @Test
    void badInputGetsProblemBodies() {
        assertProblem(post("b1", "u", "robot", "hi"), 400, "invalid-role");
        assertProblem(post("b1", "u", "user", " "), 400, "invalid-content");
        assertProblem(post("b%201", "u", "user", "hi"), 400, "invalid-sessionId");
        assertProblem(api.as(tenant, "POST", "/v1/sessions/b1/messages", "{\"role\":\"user\",\"content\":\"x\"}"), 400, "invalid-userId");
        assertProblem(api.as(tenant, "POST", "/v1/sessions/b1/messages", "{\"userId\":\"u\",\"messages\":[]}"), 400, "invalid-messages");
        post("b1", "u", "user", "hi");
        assertProblem(api.as(tenant, "GET", "/v1/sessions/b1/messages?tokens=0", null), 400, "invalid-tokens");
        assertProblem(api.as(tenant, "GET", "/v1/sessions/b1/messages?tokens=abc", null), 400, "invalid-tokens");
        assertProblem(api.as(tenant, "GET", "/v1/sessions/b1/messages?all=maybe", null), 400, "invalid-all");
    }

    @Test
    void expiredSessionsAreConsolidatedAndSessionsSurviveARestart() throws InterruptedException {
        post("keep", "gus", "user", "Gus's favourite restaurant is Noma in Copenhagen.");
        try (TestServer restarted = TestServer.withoutRedis(Map.of())) {
            JsonNode window = restarted.client().as(tenant, "GET", "/v1/sessions/keep/messages", null).json().get("window");
            assertThat(window.get("messages").get(0).get("content").asText()).contains("Noma");
        }

        try (TestServer shortLived = TestServer.withoutRedis(Map.of("strata.memory.session-ttl-seconds", "1", "strata.memory.session-sweep-ms", "200"))) {
            ApiClient client = shortLived.client();
            client.as(tenant, "POST", "/v1/sessions/ttl/messages",
                    "{\"userId\":\"hal\",\"role\":\"user\",\"content\":\"Hal's car is a green 1967 Volvo Amazon that he restores himself.\"}");
            long deadline = System.currentTimeMillis() + 15_000;
            while (client.as(tenant, "GET", "/v1/sessions/ttl/messages", null).status() == 200) {
                assertThat(System.currentTimeMillis()).as("expired session consolidated in time").isLessThan(deadline);
                Thread.sleep(100);
            }
            JsonNode found = client.as(tenant, "POST", "/v1/memories/search", "{\"userId\":\"hal\",\"query\":\"what car does Hal own\"}").json();
            assertThat(found.get("results").get(0).get("memory").get("text").asText()).contains("Volvo");
        }
    }
}

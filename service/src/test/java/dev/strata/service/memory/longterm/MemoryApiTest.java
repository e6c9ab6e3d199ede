package dev.strata.service.memory.longterm;

import static dev.strata.service.memory.longterm.MemoryApiTestSupport.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.service.support.ApiClient;
import dev.strata.service.support.ApiClient.Response;
import dev.strata.service.support.ApiClient.Tenant;
import dev.strata.service.support.SharedServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Long-term memories end to end: real model, real PostgreSQL, the Lucene index. */
class MemoryApiTest {

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

    private Response write(String userId, String text, String extra) {
        return api.as(tenant, "POST", "/v1/memories", "{\"userId\":\"" + userId + "\",\"text\":\"" + text + "\"" + extra + "}");
    }

    private JsonNode search(Tenant as, String userId, String query, String extra) {
        Response response = api.as(as, "POST", "/v1/memories/search", "{\"userId\":\"" + userId + "\",\"query\":\"" + query + "\"" + extra + "}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("results");
    }

    private static List<String> texts(JsonNode results) {
        List<String> texts = new ArrayList<>();
        results.forEach(r -> texts.add(r.get("memory").get("text").asText()));
        return texts;
    }

    @Test
    void aWrittenMemoryIsFoundByMeaningAtOnceWithItsScores() {
        Response created = write("alice", "Alice is allergic to peanuts", ",\"topics\":[\"health\"],\"importance\":0.9");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("status").asText()).isEqualTo("created");
        write("alice", "Alice's favourite city is Lisbon", "");
        write("alice", "The quarterly report is due on Friday", "");

        JsonNode results = search(tenant, "alice", "which foods make her ill?", ",\"topK\":2");
        assertThat(texts(results).get(0)).isEqualTo("Alice is allergic to peanuts");
        JsonNode top = results.get(0);
        assertThat(top.get("similarity").asDouble()).isBetween(0.1, 1.0);
        assertThat(top.get("score").asDouble()).isPositive();
        assertThat(top.get("memory").get("topics").get(0).asText()).isEqualTo("health");
        assertThat(top.get("memory").get("importance").asDouble()).isEqualTo(0.9, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(results.size()).isEqualTo(2);
    }

    @Test
    void exactDuplicatesMergeAndKeepTheirHistory() {
        String id = write("bob", "Bob drives a red bicycle", ",\"topics\":[\"transport\"]").json().get("memory").get("id").asText();
        Response again = write("bob", "  bob drives a RED bicycle ", ",\"topics\":[\"hobby\"]");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("status").asText()).isEqualTo("merged");
        assertThat(again.json().get("memory").get("id").asText()).isEqualTo(id);
        assertThat(again.json().get("memory").get("mergedCount").asInt()).isEqualTo(2);
        assertThat(again.json().get("memory").get("topics").toString()).contains("transport", "hobby");

        JsonNode shown = api.as(tenant, "GET", "/v1/memories/" + id, null).json();
        assertThat(shown.get("history")).hasSize(2);
        assertThat(shown.get("history").get(1).get("event").asText()).isEqualTo("merged-exact");
        assertThat(shown.get("history").get(1).get("text").asText()).isEqualTo("bob drives a RED bicycle");
    }

    @Test
    void nearDuplicatesAreLinkedNotDropped() {
        String id = write("carol", "Carol lives in Berlin with her two cats", "").json().get("memory").get("id").asText();
        Response near = write("carol", "Carol lives in Berlin with her 2 cats", "");
        assertThat(near.status()).isEqualTo(201);
        assertThat(near.json().get("status").asText()).isEqualTo("linked");
        assertThat(near.json().get("similarity").asDouble()).isGreaterThanOrEqualTo(0.92);
        assertThat(near.json().get("memory").get("duplicateOf").asText()).isEqualTo(id);
        assertThat(search(tenant, "carol", "where does Carol live", "")).hasSize(2);

        Response unrelated = write("carol", "Carol runs a marathon every spring", "");
        assertThat(unrelated.json().get("status").asText()).isEqualTo("created");
    }

    @Test
    void batchesWriteEveryMemoryAndDeduplicateWithinTheBatch() {
        Response batch = api.as(tenant, "POST", "/v1/memories", """
                {"memories":[{"userId":"dan","text":"Dan plays the cello"},
                             {"userId":"dan","text":"Dan plays the cello"},
                             {"userId":"erin","text":"Dan plays the cello"},
                             {"userId":"dan","text":"Dan is learning Japanese"}]}""");
        assertThat(batch.status()).as(batch.body()).isEqualTo(200);
        JsonNode results = batch.json().get("results");
        assertThat(results.get(0).get("status").asText()).isEqualTo("created");
        assertThat(results.get(1).get("status").asText()).isEqualTo("merged");
        assertThat(results.get(1).get("id").asText()).isEqualTo(results.get(0).get("id").asText());
        assertThat(results.get(2).get("status").asText()).as("another user's identical text is theirs").isEqualTo("created");
        assertThat(results.get(3).get("status").asText()).isEqualTo("created");
    }

    @Test
    void noQueryReturnsAnotherUsersOrTenantsMemory() {
        String secret = write("frank", "Frank's bank PIN is hidden under the blue vase", "").json().get("memory").get("id").asText();
        write("grace", "Grace keeps her passport in the drawer", "");
        Tenant other = api.newTenant();

        assertThat(texts(search(tenant, "grace", "bank PIN under the blue vase", ",\"topK\":100"))).noneMatch(t -> t.contains("Frank"));
        assertThat(search(other, "frank", "bank PIN under the blue vase", ",\"topK\":100")).isEmpty();
        assertThat(api.as(other, "GET", "/v1/memories/" + secret, null).status()).isEqualTo(404);
        assertThat(api.as(other, "DELETE", "/v1/memories/" + secret, null).status()).isEqualTo(404);
        assertThat(api.as(other, "PATCH", "/v1/memories/" + secret, "{\"text\":\"stolen\"}").status()).isEqualTo(404);
        assertThat(api.as(tenant, "GET", "/v1/memories/" + secret, null).json().get("memory").get("text").asText()).contains("blue vase");
    }

    @Test
    void patchReembedsAndDeleteRemovesFromSearch() {
        String id = write("hana", "Hana works as a nurse", "").json().get("memory").get("id").asText();
        Response patched = api.as(tenant, "PATCH", "/v1/memories/" + id, "{\"text\":\"Hana works as a pilot for an airline\",\"topics\":[\"job\"]}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().get("memory").get("version").asInt()).isEqualTo(2);
        JsonNode found = search(tenant, "hana", "flying aeroplanes", ",\"topK\":1");
        assertThat(texts(found)).containsExactly("Hana works as a pilot for an airline");
        assertThat(api.as(tenant, "GET", "/v1/memories/" + id, null).json().get("history")).hasSize(2);

        assertThat(api.as(tenant, "DELETE", "/v1/memories/" + id, null).status()).isEqualTo(204);
        assertThat(api.as(tenant, "GET", "/v1/memories/" + id, null).status()).isEqualTo(404);
        assertThat(search(tenant, "hana", "flying aeroplanes", "")).isEmpty();
    }

    @Test
    void filtersRestrictResults() {
        write("ivan", "Ivan likes green tea", ",\"topics\":[\"food\"],\"metadata\":{\"source\":\"chat\",\"n\":3},\"sessionId\":\"s1\"");
        write("ivan", "Ivan likes black coffee", ",\"topics\":[\"food\",\"morning\"],\"metadata\":{\"source\":\"email\"}");
        write("ivan", "Ivan likes jazz music", ",\"topics\":[\"music\"],\"entities\":[\"jazz\"]");

        assertThat(texts(search(tenant, "ivan", "what does Ivan like", ",\"topics\":[\"food\"]"))).containsExactlyInAnyOrder(
                "Ivan likes green tea", "Ivan likes black coffee");
        assertThat(texts(search(tenant, "ivan", "what does Ivan like", ",\"metadata\":{\"source\":\"chat\",\"n\":3}")))
                .containsExactly("Ivan likes green tea");
        assertThat(texts(search(tenant, "ivan", "what does Ivan like", ",\"sessionId\":\"s1\""))).containsExactly("Ivan likes green tea");
        assertThat(texts(search(tenant, "ivan", "what does Ivan like", ",\"entities\":[\"jazz\"]"))).containsExactly("Ivan likes jazz music");
        assertThat(search(tenant, "ivan", "what does Ivan like", ",\"to\":\"2000-01-01T00:00:00Z\"")).isEmpty();
        assertThat(search(tenant, "ivan", "what does Ivan like", ",\"from\":\"2000-01-01T00:00:00Z\"")).hasSize(3);
        assertThat(search(tenant, "ivan", "what does Ivan like", ",\"minSimilarity\":0.99")).isEmpty();
    }

    @Test
    void paginationWalksTheRankingWithoutOverlap() {
        StringBuilder batch = new StringBuilder("{\"memories\":[");
        for (int i = 0; i < 7; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"userId\":\"jo\",\"text\":\"Jo visited museum number ").append(i).append(" in Paris\"}");
        }
        api.as(tenant, "POST", "/v1/memories", batch.append("]}").toString());
        Response first = api.as(tenant, "POST", "/v1/memories/search", "{\"userId\":\"jo\",\"query\":\"museums in Paris\",\"topK\":4}");
        assertThat(first.json().get("nextOffset").asInt()).isEqualTo(4);
        Response second = api.as(tenant, "POST", "/v1/memories/search", "{\"userId\":\"jo\",\"query\":\"museums in Paris\",\"topK\":4,\"offset\":4}");
        assertThat(second.json().has("nextOffset")).isFalse();
        List<String> all = new ArrayList<>(texts(first.json().get("results")));
        all.addAll(texts(second.json().get("results")));
        assertThat(all).hasSize(7).doesNotHaveDuplicates();
    }

    @Test
    void keywordRelevanceLiftsExactTermsAndRecencyCanBeWeighted() {
        write("kim", "Kim's locker code is XK-4471", "");
        write("kim", "Kim keeps a spare key with the neighbour", "");
        JsonNode results = search(tenant, "kim", "XK-4471", ",\"keywordWeight\":0.8");
        assertThat(texts(results).get(0)).isEqualTo("Kim's locker code is XK-4471");
        assertThat(results.get(0).get("keyword").asDouble()).isEqualTo(1.0);
        JsonNode recent = search(tenant, "kim", "spare key", ",\"recencyWeight\":0.5");
        assertThat(recent.get(0).get("recency").asDouble()).isGreaterThan(0.99);
    }

    @Test
    void listingPagesThroughAUsersMemoriesNewestFirst() {
        for (int i = 0; i < 3; i++) {
            write("mo", "Mo's note number " + i + " is about gardening in spring " + i, "");
        }
        write("other", "Not Mo's note", "");
        JsonNode first = api.as(tenant, "GET", "/v1/memories?userId=mo&limit=2", null).json();
        assertThat(texts2(first.get("memories"))).containsExactly("Mo's note number 2 is about gardening in spring 2",
                "Mo's note number 1 is about gardening in spring 1");
        JsonNode second = api.as(tenant, "GET", "/v1/memories?userId=mo&limit=2&offset=" + first.get("nextOffset").asInt(), null).json();
        assertThat(texts2(second.get("memories"))).containsExactly("Mo's note number 0 is about gardening in spring 0");
        assertThat(second.has("nextOffset")).isFalse();
        assertProblem(api.as(tenant, "GET", "/v1/memories?userId=mo&limit=0", null), 400, "invalid-limit");
        assertProblem(api.as(tenant, "GET", "/v1/memories", null), 400, "invalid-userId");
    }

    private static List<String> texts2(JsonNode memories) {
        List<String> texts = new ArrayList<>();
        memories.forEach(m -> texts.add(m.get("text").asText()));
        return texts;
    }

    @Test
    void healthReportsTheIndex() {
        write("lou", "Lou collects vintage postcards", "");
        JsonNode index = api.send("GET", "/actuator/health", null, null).json().get("components").get("memoryIndex");
        assertThat(index.get("status").asText()).isEqualTo("UP");
        assertThat(index.get("details").get("documents").asInt()).isPositive();
        assertThat(index.get("details").get("rebuildMs").asLong()).isNotNegative();
        assertThat(index.get("details").get("sizeBytes").asLong()).isPositive();
        String scrape = api.send("GET", "/actuator/prometheus", null, null).body();
        java.util.regex.Matcher documents = java.util.regex.Pattern
                .compile("(?m)^strata_memory_index_documents\\{[^}]*\\} (\\S+)$").matcher(scrape);
        assertThat(documents.find()).as("strata_memory_index_documents in the scrape").isTrue();
        assertThat(Double.parseDouble(documents.group(1))).isPositive();
        assertThat(scrape).contains("strata_memory_index_size_bytes{").contains("strata_memory_index_rebuild_seconds{")
                .contains("strata_memory_index_segments{");
        assertThat(index.get("details").get("segments").asInt()).isPositive();
    }

    @Test
    void badInputGetsProblemBodies() {
        assertProblem(api.as(tenant, "POST", "/v1/memories", "{\"text\":\"no user\"}"), 400, "invalid-userId");
        assertProblem(api.as(tenant, "POST", "/v1/memories", "{\"userId\":\"u\",\"text\":\"  \"}"), 400, "invalid-text");
        assertProblem(api.as(tenant, "POST", "/v1/memories", "{\"userId\":\"u\",\"text\":\"x\",\"importance\":3}"), 400, "invalid-importance");
        assertProblem(api.as(tenant, "POST", "/v1/memories", "{\"userId\":\"u\",\"text\":\"x\",\"colour\":1}"), 400, "invalid-body");
        assertProblem(api.as(tenant, "POST", "/v1/memories", "{\"userId\":\"u/../x\",\"text\":\"x\"}"), 400, "invalid-userId");
        assertProblem(api.as(tenant, "POST", "/v1/memories", "{\"memories\":[]}"), 400, "invalid-batch");
        assertProblem(api.as(tenant, "POST", "/v1/memories", "[1,2]"), 400, "invalid-body");
        assertProblem(api.as(tenant, "POST", "/v1/memories", "{\"userId\":"), 400, "bad-request");
        assertProblem(api.as(tenant, "POST", "/v1/memories/search", "{\"userId\":\"u\",\"query\":\"q\",\"topK\":0}"), 400, "invalid-topK");
        assertProblem(api.as(tenant, "POST", "/v1/memories/search", "{\"query\":\"q\"}"), 400, "invalid-userId");
        assertProblem(api.as(tenant, "POST", "/v1/memories/search", "{\"userId\":\"u\",\"query\":\"q\",\"from\":\"yesterday\"}"), 400, "invalid-from");
        assertProblem(api.as(tenant, "POST", "/v1/memories/search", "{\"userId\":\"u\",\"query\":\"q\",\"metadata\":{\"a\":{\"b\":1}}}"), 400, "invalid-metadata");
        assertProblem(api.as(tenant, "GET", "/v1/memories/nope", null), 404, "not-found");
        assertProblem(api.as(tenant, "GET", "/v1/memories/nope?x=1", null), 400, "unknown-parameter");
        assertThat(api.send("POST", "/v1/memories/search", null, "{}").status()).isEqualTo(401);
    }
}

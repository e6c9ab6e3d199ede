package dev.strata.service.memory.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.service.support.ApiClient;
import dev.strata.service.support.ApiClient.Tenant;
import dev.strata.service.support.TestServer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two servers on one PostgreSQL: a memory written on one is searchable on the other within a
 * measured bound (the change feed), deletions follow the same way, near-duplicates written on both
 * at once are linked, and a restarted server finds everything again (the index is rebuilt from
 * PostgreSQL).
 */
class CrossInstanceSearchTest {

    /** The bound the API documents: one poll interval (50 ms) plus apply and refresh, with slack for a loaded CI machine. */
    static final long LAG_BOUND_MS = 1000;

    private static TestServer a;
    private static TestServer b;

    @BeforeAll
    static void start() {
        a = TestServer.withoutRedis(Map.of());
        b = TestServer.withoutRedis(Map.of());
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    private static boolean found(ApiClient api, Tenant tenant, String user, String text) {
        ApiClient.Response response = api.as(tenant, "POST", "/v1/memories/search",
                "{\"userId\":\"" + user + "\",\"query\":\"" + text + "\",\"topK\":5,\"keywordWeight\":0.5}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.body().contains(text);
    }

    @Test
    void aWriteIsSearchableOnTheOtherInstanceWithinTheBound() throws InterruptedException {
        Tenant tenant = a.client().newTenant();
        List<Long> lagsMs = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            String text = "Lag probe " + i + " mentions the zebra named Zed" + i;
            ApiClient.Response written = a.client().as(tenant, "POST", "/v1/memories", "{\"userId\":\"u\",\"text\":\"" + text + "\"}");
            long acknowledged = System.nanoTime();
            assertThat(written.status()).isEqualTo(201);
            assertThat(found(a.client(), tenant, "u", text)).as("searchable at once on the writer").isTrue();
            while (!found(b.client(), tenant, "u", text)) {
                assertThat((System.nanoTime() - acknowledged) / 1_000_000).as("lag on the other instance").isLessThan(10_000);
                Thread.sleep(5);
            }
            lagsMs.add((System.nanoTime() - acknowledged) / 1_000_000);
        }
        Collections.sort(lagsMs);
        System.out.printf("cross-instance write-to-searchable lag ms: min=%d p50=%d max=%d (n=%d)%n",
                lagsMs.get(0), lagsMs.get(lagsMs.size() / 2), lagsMs.get(lagsMs.size() - 1), lagsMs.size());
        assertThat(lagsMs.get(lagsMs.size() - 1)).isLessThan(LAG_BOUND_MS);
    }

    @Test
    void deletionsReachTheOtherInstanceAndARestartLosesNothing() throws InterruptedException {
        Tenant tenant = a.client().newTenant();
        String keep = "The lighthouse keeper paints boats in winter";
        String drop = "The orchard has forty apple trees";
        a.client().as(tenant, "POST", "/v1/memories", "{\"userId\":\"v\",\"text\":\"" + keep + "\"}");
        String dropId = a.client().as(tenant, "POST", "/v1/memories", "{\"userId\":\"v\",\"text\":\"" + drop + "\"}")
                .json().get("memory").get("id").asText();
        awaitFound(b.client(), tenant, "v", drop, true);
        assertThat(a.client().as(tenant, "DELETE", "/v1/memories/" + dropId, null).status()).isEqualTo(204);
        // Searches re-read rows from PostgreSQL, so B stops returning the memory at once; its index entry follows the feed.
        assertThat(found(b.client(), tenant, "v", drop)).isFalse();
        long deadline = System.currentTimeMillis() + LAG_BOUND_MS;
        while (b.bean(MemoryIndex.class).contains(dropId)) {
            assertThat(System.currentTimeMillis()).as("delete applied to the other instance's index in time").isLessThan(deadline);
            Thread.sleep(5);
        }

        try (TestServer restarted = TestServer.withoutRedis(Map.of())) {
            assertThat(found(restarted.client(), tenant, "v", keep)).isTrue();
            assertThat(found(restarted.client(), tenant, "v", drop)).isFalse();
            assertThat(restarted.bean(IndexSync.class).rebuildMs()).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void nearDuplicatesSentToTwoInstancesAtTheSameMomentAreLinked() throws Exception {
        Tenant tenant = a.client().newTenant();
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 4; round++) {
                String user = "twin" + round;
                java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
                var onA = clients.submit(() -> {
                    start.await();
                    return a.client().as(tenant, "POST", "/v1/memories", "{\"userId\":\"" + user + "\",\"text\":\"Carol lives in Berlin with her two cats\"}");
                });
                var onB = clients.submit(() -> {
                    start.await();
                    return b.client().as(tenant, "POST", "/v1/memories", "{\"userId\":\"" + user + "\",\"text\":\"Carol lives in Berlin with her 2 cats\"}");
                });
                ApiClient.Response first = onA.get();
                ApiClient.Response second = onB.get();
                assertThat(first.status()).as(first.body()).isEqualTo(201);
                assertThat(second.status()).as(second.body()).isEqualTo(201);
                // Whichever committed second saw the first (similarity ≥ 0.92, see MemoryApiTest) and linked to it.
                List<String> statuses = new ArrayList<>(List.of(first.json().get("status").asText(), second.json().get("status").asText()));
                Collections.sort(statuses);
                assertThat(statuses).as("round " + round).containsExactly("created", "linked");
                ApiClient.Response linked = first.json().get("status").asText().equals("linked") ? first : second;
                ApiClient.Response created = linked == first ? second : first;
                assertThat(linked.json().get("memory").get("duplicateOf").asText())
                        .isEqualTo(created.json().get("memory").get("id").asText());
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private static void awaitFound(ApiClient api, Tenant tenant, String user, String text, boolean expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + LAG_BOUND_MS;
        while (found(api, tenant, user, text) != expected) {
            assertThat(System.currentTimeMillis()).as("'" + text + "' found=" + expected + " in time").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}

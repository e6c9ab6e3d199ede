package dev.strata.service.admin.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.service.admin.AdminRun;
import dev.strata.service.support.ApiClient;
import dev.strata.service.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** stats reads both tiers and a running server's hit counters; bench loads a running server and reports percentiles. */
class StatsAndBenchTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.withRedis(Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void statsShowsItemsAndBytesPerTierAndHitRatios() {
        ApiClient api = server.client();
        ApiClient.Tenant tenant = api.newTenant();
        for (int i = 0; i < 20; i++) {
            assertThat(api.as(tenant, "PUT", "/v1/kv/docs/d" + i + (i < 5 ? "?ttl=600" : ""), "\"" + "v".repeat(i * 10) + "\"").status())
                    .isEqualTo(200);
            api.as(tenant, "GET", "/v1/kv/docs/d" + i, null);
        }
        ApiClient.Tenant neighbour = api.newTenant();
        for (int i = 0; i < 3; i++) {
            api.as(neighbour, "GET", "/v1/kv/docs/none" + i, null);
        }
        // Without the admin token: each tier's ratio over all tenants, from the server's Prometheus counters.
        AdminRun run = AdminRun.run("postgres", true, "stats", "--tenant", tenant.id(), "--server", api.baseUrl());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        // 20 values of 2 + 10·i bytes: 40 + 10·190 = 1940 bytes.
        assertThat(run.out()).contains("tenant " + tenant.id())
                .contains("durable  20 items, 1940 bytes, 5 with TTL")
                .contains("largest: docs/d19 (192 bytes), docs/d18 (182 bytes), docs/d17 (172 bytes)")
                .contains("warm     20 items, 1940 bytes (0 ephemeral)")
                .contains("reads, all tenants").containsPattern("hot [01]\\.[0-9]{3} \\([0-9]+ hits, [0-9]+ misses\\)");
        // With it: this tenant's reads only (20 reads, each asked of the hot tier once), the neighbour's 3 misses not among them;
        // the same server given twice counts twice, as two instances would.
        AdminRun perTenant = AdminRun.run("postgres", true, "stats", "--tenant", tenant.id(), "--server", api.baseUrl(), "--server", api.baseUrl(),
                "-Dstrata.admin.token=" + TestServer.ADMIN_TOKEN, "--json", "--no-warm");
        assertThat(perTenant.exitCode()).as(perTenant.toString()).isZero();
        com.fasterxml.jackson.databind.JsonNode reads = perTenant.json().get("tenants").get(tenant.id()).get("hitRatios");
        assertThat(reads.get("hot").get("hits").asLong() + reads.get("hot").get("misses").asLong()).isEqualTo(40);
        com.fasterxml.jackson.databind.JsonNode hot = perTenant.json().get("tenants").get(tenant.id()).get("hot");
        assertThat(hot.get("entries").asLong()).as("two servers' hot copies: at most 2 × 20").isBetween(1L, 40L);
        assertThat(hot.get("bytes").asLong()).isPositive().isLessThanOrEqualTo(2 * 1940);
        assertThat(perTenant.json().get("tenants").has(neighbour.id())).as("--tenant limits the output").isFalse();
        AdminRun wrongToken = AdminRun.run("postgres", true, "stats", "--tenant", tenant.id(), "--server", api.baseUrl(),
                "-Dstrata.admin.token=not-the-token", "--no-warm");
        assertThat(wrongToken.exitCode()).isEqualTo(3);
        assertThat(wrongToken.err()).contains("refused the admin token").doesNotContain("not-the-token");
        assertThat(run.err()).as("no progress bar when stderr is not a terminal").doesNotContain("items/s");
        AdminRun quiet = AdminRun.run("postgres", true, "stats", "--tenant", tenant.id(), "--no-progress");
        assertThat(quiet.exitCode()).as(quiet.toString()).isZero();
        assertThat(quiet.out()).contains("warm     20 items, 1940 bytes (0 ephemeral)");
        AdminRun json = AdminRun.run("postgres", true, "stats", "--tenant", tenant.id(), "--json", "--no-warm");
        assertThat(json.out()).contains("\"items\" : 20").doesNotContain("\"warm\"");
    }

    @Test
    void benchReportsThroughputAndPercentilesWithoutPrintingTheKey() {
        ApiClient api = server.client();
        ApiClient.Tenant tenant = api.newTenant();
        AdminRun run = AdminRun.raw("bench", "--url", api.baseUrl(), "--api-key", tenant.apiKey(), "--duration", "2", "--warmup", "1",
                "--concurrency", "4", "--keys", "200", "--reads", "70", "--lists", "10");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("4 workers").contains("p99 ms").containsPattern("read +[1-9][0-9]* ")
                .containsPattern("write +[1-9][0-9]* ").containsPattern("list +[1-9][0-9]* ").containsPattern("all +[1-9][0-9]* ");
        assertThat(run.out() + run.err()).doesNotContain(tenant.apiKey());
        assertThat(api.as(tenant, "GET", "/v1/kv/bench/k199", null).status()).as("keys were preloaded").isEqualTo(200);

        AdminRun refused = AdminRun.raw("bench", "--url", api.baseUrl(), "--api-key", "sk_nope_0000", "--duration", "1");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("refused the API key (HTTP 401)").doesNotContain("sk_nope_0000");
        AdminRun badMix = AdminRun.raw("bench", "--url", api.baseUrl(), "--api-key", "k", "--reads", "90", "--lists", "20");
        assertThat(badMix.exitCode()).isEqualTo(2);
    }

    @Test
    void benchMixesSemanticSearchesAndMemoryWritesWithTheirOwnPercentiles() {
        ApiClient api = server.client();
        ApiClient.Tenant tenant = api.newTenant();
        AdminRun run = AdminRun.raw("bench", "--url", api.baseUrl(), "--api-key", tenant.apiKey(), "--duration", "3", "--warmup", "1",
                "--concurrency", "2", "--keys", "50", "--reads", "40", "--searches", "30", "--memory-writes", "10", "--memories", "40",
                "--memory-user", "benchy");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("40% reads, 0% listings, 20% writes").contains("semantic: 30% searches, 10% memory writes")
                .containsPattern("search +[1-9][0-9]* ").containsPattern("mem-write +[1-9][0-9]* ")
                .containsPattern("read +[1-9][0-9]* ").containsPattern("write +[1-9][0-9]* ");
        // Every row reports zero errors (the last column).
        assertThat(run.out()).containsPattern("(?m)^search .* 0$").containsPattern("(?m)^mem-write .* 0$");
        // The preloaded memories are really there and searchable.
        ApiClient.Response found = api.as(tenant, "POST", "/v1/memories/search", "{\"userId\":\"benchy\",\"query\":\"travel plans\"}");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().get("results").size()).isPositive();

        AdminRun json = AdminRun.raw("bench", "--url", api.baseUrl(), "--api-key", tenant.apiKey(), "--duration", "1", "--warmup", "0",
                "--concurrency", "1", "--keys", "10", "--reads", "0", "--searches", "100", "--memories", "40", "--memory-user", "benchy",
                "--json");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        assertThat(json.out()).contains("\"search\" : {").contains("\"searches\" : 100").doesNotContain("\"read\" : {");

        AdminRun badMix = AdminRun.raw("bench", "--url", api.baseUrl(), "--api-key", "k", "--reads", "80", "--searches", "30");
        assertThat(badMix.exitCode()).isEqualTo(2);
        assertThat(badMix.err()).contains("add up to at most 100");
    }
}

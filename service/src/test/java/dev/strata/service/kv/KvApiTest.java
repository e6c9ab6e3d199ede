package dev.strata.service.kv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.service.support.ApiClient;
import dev.strata.service.support.ApiClient.Response;
import dev.strata.service.support.ApiClient.Tenant;
import dev.strata.service.support.SharedServer;
import dev.strata.service.tier.hot.HotTier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The key/value API end to end against real PostgreSQL and Redis. */
class KvApiTest {

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

    @Test
    void putThenGetReturnsTheValueWithItsVersionAsETag() {
        Response put = api.as(tenant, "PUT", "/v1/kv/notes/greeting", "{\"text\":\"hello\",\"n\":[1,2,3]}");
        assertThat(put.status()).isEqualTo(200);
        long version = put.json().get("version").asLong();
        assertThat(put.header("ETag")).isEqualTo("\"" + version + "\"");
        assertThat(put.json().get("durable").asBoolean()).isTrue();

        Response get = api.as(tenant, "GET", "/v1/kv/notes/greeting", null);
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.json().get("text").asText()).isEqualTo("hello");
        assertThat(get.header("ETag")).isEqualTo("\"" + version + "\"");
        assertThat(get.header("X-Strata-Tier")).isEqualTo("hot");
    }

    @Test
    void readsFallThroughToWarmAndDurableAndPromote() {
        api.as(tenant, "PUT", "/v1/kv/ns/item", "42");
        HotTier hot = SharedServer.get().bean(HotTier.class);
        hot.clear();
        Response fromWarm = api.as(tenant, "GET", "/v1/kv/ns/item", null);
        assertThat(fromWarm.header("X-Strata-Tier")).isEqualTo("warm");
        assertThat(api.as(tenant, "GET", "/v1/kv/ns/item", null).header("X-Strata-Tier")).isEqualTo("hot");

        hot.clear();
        redisDelete(tenant.id(), "ns", "item");
        Response fromDurable = api.as(tenant, "GET", "/v1/kv/ns/item", null);
        assertThat(fromDurable.status()).isEqualTo(200);
        assertThat(fromDurable.header("X-Strata-Tier")).isEqualTo("durable");
        assertThat(fromDurable.body()).isEqualTo("42");
        hot.clear();
        assertThat(api.as(tenant, "GET", "/v1/kv/ns/item", null).header("X-Strata-Tier")).isEqualTo("warm");
    }

    private static void redisDelete(String tenant, String namespace, String key) {
        try (var jedis = new redis.clients.jedis.JedisPooled(java.net.URI.create(dev.strata.service.support.EmbeddedStores.redisUrl()))) {
            jedis.del("strata:v1:" + tenant + ":" + namespace + ":" + key);
        }
    }

    @Test
    void headReturnsMetadataWithoutBody() {
        api.as(tenant, "PUT", "/v1/kv/ns/h", "\"value\"");
        Response head = api.as(tenant, "HEAD", "/v1/kv/ns/h", null);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("ETag")).isNotBlank();
        assertThat(head.body()).isEmpty();
        assertThat(api.as(tenant, "HEAD", "/v1/kv/ns/missing", null).status()).isEqualTo(404);
    }

    @Test
    void deleteRemovesFromEveryTier() {
        api.as(tenant, "PUT", "/v1/kv/ns/gone", "true");
        assertThat(api.as(tenant, "DELETE", "/v1/kv/ns/gone", null).status()).isEqualTo(204);
        assertThat(api.as(tenant, "GET", "/v1/kv/ns/gone", null).status()).isEqualTo(404);
        SharedServer.get().bean(HotTier.class).clear();
        assertThat(api.as(tenant, "GET", "/v1/kv/ns/gone", null).status()).isEqualTo(404);
        assertThat(api.as(tenant, "DELETE", "/v1/kv/ns/gone", null).status()).isEqualTo(404);
    }

    @Test
    void ttlExpiresInEveryTier() throws InterruptedException {
        Response put = api.as(tenant, "PUT", "/v1/kv/ns/short?ttl=1", "\"soon gone\"");
        assertThat(put.json().get("expiresAt").asText()).isNotBlank();
        assertThat(api.as(tenant, "GET", "/v1/kv/ns/short", null).header("X-Strata-Expires-At")).isNotBlank();
        Thread.sleep(1300);
        assertThat(api.as(tenant, "GET", "/v1/kv/ns/short", null).status()).isEqualTo(404);
        SharedServer.get().bean(HotTier.class).clear();
        assertThat(api.as(tenant, "GET", "/v1/kv/ns/short", null).status()).isEqualTo(404);
        Response list = api.as(tenant, "GET", "/v1/kv/ns", null);
        assertThat(list.json().get("items")).isEmpty();
    }

    @Test
    void ifMatchGivesOptimisticConcurrency() {
        long v1 = api.as(tenant, "PUT", "/v1/kv/ns/doc", "1").json().get("version").asLong();
        Response ok = api.as(tenant, "PUT", "/v1/kv/ns/doc", "2", "If-Match", "\"" + v1 + "\"");
        assertThat(ok.status()).isEqualTo(200);
        long v2 = ok.json().get("version").asLong();
        assertThat(v2).isGreaterThan(v1);

        Response stale = api.as(tenant, "PUT", "/v1/kv/ns/doc", "3", "If-Match", "\"" + v1 + "\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.header("Content-Type")).contains("application/problem+json");
        assertThat(api.as(tenant, "GET", "/v1/kv/ns/doc", null).body()).isEqualTo("2");

        assertThat(api.as(tenant, "DELETE", "/v1/kv/ns/doc", null, "If-Match", "\"" + v1 + "\"").status()).isEqualTo(412);
        assertThat(api.as(tenant, "DELETE", "/v1/kv/ns/doc", null, "If-Match", "\"" + v2 + "\"").status()).isEqualTo(204);
        assertThat(api.as(tenant, "PUT", "/v1/kv/ns/doc", "4", "If-Match", "*").status()).isEqualTo(412);
        assertThat(api.as(tenant, "PUT", "/v1/kv/ns/doc", "5", "If-None-Match", "*").status()).isEqualTo(200);
        assertThat(api.as(tenant, "PUT", "/v1/kv/ns/doc", "6", "If-None-Match", "*").status()).isEqualTo(412);
    }

    @Test
    void ifNoneMatchOnGetAnswersNotModified() {
        String etag = api.as(tenant, "PUT", "/v1/kv/ns/c", "{}").header("ETag");
        assertThat(api.as(tenant, "GET", "/v1/kv/ns/c", null, "If-None-Match", etag).status()).isEqualTo(304);
        assertThat(api.as(tenant, "GET", "/v1/kv/ns/c", null, "If-None-Match", "\"1\"").status()).isEqualTo(200);
    }

    @Test
    void ephemeralWritesSkipTheDurableTierAndSaySo() {
        Response put = api.as(tenant, "PUT", "/v1/kv/ns/session-token?tier=ephemeral&ttl=60", "\"abc\"");
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().get("durable").asBoolean()).isFalse();
        assertThat(put.json().get("tier").asText()).isEqualTo("ephemeral");
        assertThat(api.as(tenant, "GET", "/v1/kv/ns/session-token", null).body()).isEqualTo("\"abc\"");
        // Not in PostgreSQL: the listing (served from the durable tier) does not show it.
        assertThat(api.as(tenant, "GET", "/v1/kv/ns", null).json().get("items")).isEmpty();
        SharedServer.get().bean(HotTier.class).clear();
        assertThat(api.as(tenant, "GET", "/v1/kv/ns/session-token", null).header("X-Strata-Tier")).isEqualTo("warm");
        assertThat(api.as(tenant, "DELETE", "/v1/kv/ns/session-token", null).status()).isEqualTo(204);
        assertThat(api.as(tenant, "GET", "/v1/kv/ns/session-token", null).status()).isEqualTo(404);
    }

    @Test
    void batchAppliesAllOperationsInOrder() {
        api.as(tenant, "PUT", "/v1/kv/b/old", "0");
        Response batch = api.as(tenant, "POST", "/v1/kv/b:batch", """
                {"operations":[
                  {"op":"put","key":"a","value":{"x":1}},
                  {"op":"get","key":"a"},
                  {"op":"put","key":"t","value":"ttl","ttl":300},
                  {"op":"delete","key":"old"},
                  {"op":"get","key":"missing"},
                  {"op":"delete","key":"missing"}
                ]}""");
        assertThat(batch.status()).isEqualTo(200);
        JsonNode results = batch.json().get("results");
        assertThat(results).hasSize(6);
        assertThat(results.get(0).get("status").asInt()).isEqualTo(200);
        assertThat(results.get(1).get("value").get("x").asInt()).isEqualTo(1);
        assertThat(results.get(2).get("expiresAt").asText()).isNotBlank();
        assertThat(results.get(3).get("status").asInt()).isEqualTo(204);
        assertThat(results.get(4).get("status").asInt()).isEqualTo(404);
        assertThat(results.get(5).get("status").asInt()).isEqualTo(404);
        assertThat(api.as(tenant, "GET", "/v1/kv/b/a", null).body()).isEqualTo("{\"x\":1}");
        assertThat(api.as(tenant, "GET", "/v1/kv/b/old", null).status()).isEqualTo(404);
    }

    @Test
    void batchWithAFailedPreconditionAppliesNothing() {
        long v = api.as(tenant, "PUT", "/v1/kv/b/guarded", "1").json().get("version").asLong();
        Response batch = api.as(tenant, "POST", "/v1/kv/b:batch", """
                {"operations":[
                  {"op":"put","key":"new","value":1},
                  {"op":"put","key":"guarded","value":2,"ifMatch":"\\"%d\\""}
                ]}""".formatted(v + 1));
        assertThat(batch.status()).isEqualTo(412);
        assertThat(batch.json().get("details").get("failedOperations").get(0).asInt()).isEqualTo(1);
        assertThat(api.as(tenant, "GET", "/v1/kv/b/new", null).status()).isEqualTo(404);
        assertThat(api.as(tenant, "GET", "/v1/kv/b/guarded", null).body()).isEqualTo("1");
    }

    @Test
    void batchAcceptsAThousandOperationsAndRefusesMore() {
        StringBuilder ops = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            ops.append(i == 0 ? "" : ",").append("{\"op\":\"put\",\"key\":\"k").append(i).append("\",\"value\":").append(i).append('}');
        }
        assertThat(api.as(tenant, "POST", "/v1/kv/big:batch", "{\"operations\":[" + ops + "]}").status()).isEqualTo(200);
        assertThat(api.as(tenant, "GET", "/v1/kv/big/k999", null).body()).isEqualTo("999");
        Response tooMany = api.as(tenant, "POST", "/v1/kv/big:batch", "{\"operations\":[" + ops + ",{\"op\":\"get\",\"key\":\"x\"}]}");
        assertThat(tooMany.status()).isEqualTo(400);
    }

    @Test
    void listingPaginatesWithACursorAndFiltersByPrefix() {
        for (int i = 0; i < 25; i++) {
            api.as(tenant, "PUT", "/v1/kv/list/user-" + String.format("%02d", i), Integer.toString(i));
        }
        api.as(tenant, "PUT", "/v1/kv/list/other", "0");
        List<String> keys = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = api.as(tenant, "GET", "/v1/kv/list?prefix=user-&limit=10" + (cursor == null ? "" : "&cursor=" + cursor), null);
            assertThat(page.status()).isEqualTo(200);
            page.json().get("items").forEach(item -> keys.add(item.get("key").asText()));
            cursor = page.json().has("nextCursor") ? page.json().get("nextCursor").asText() : null;
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(keys).hasSize(25).isSorted().allMatch(k -> k.startsWith("user-"));
    }

    @Test
    void aTenantOverItsRateLimitGets429WithRetryAfter() {
        String id = "slow-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.admin("POST", "/v1/admin/tenants", "{\"id\":\"" + id + "\",\"rateLimitPerSecond\":2}").status()).isEqualTo(201);
        String key = api.admin("POST", "/v1/admin/tenants/" + id + "/keys", null).json().get("key").asText();
        Tenant slow = new Tenant(id, key);
        int limited = 0;
        Response last = null;
        for (int i = 0; i < 10; i++) {
            last = api.as(slow, "GET", "/v1/kv/ns/x", null);
            if (last.status() == 429) {
                limited++;
                assertThat(Integer.parseInt(last.header("Retry-After"))).isBetween(1, 60);
                assertThat(last.json().get("type").asText()).endsWith("/rate-limited");
            } else {
                assertThat(last.status()).isEqualTo(404);
            }
        }
        assertThat(limited).isGreaterThanOrEqualTo(5);
    }

    @Test
    void openApiDocumentIsServed() {
        Response doc = api.send("GET", "/v1/openapi.json", null, null);
        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.json().get("paths").has("/v1/kv/{namespace}/{key}")).isTrue();
    }
}

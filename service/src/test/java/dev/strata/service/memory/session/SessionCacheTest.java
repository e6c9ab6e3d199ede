package dev.strata.service.memory.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.service.support.ApiClient;
import dev.strata.service.support.ApiClient.Response;
import dev.strata.service.support.ApiClient.Tenant;
import dev.strata.service.support.EmbeddedStores;
import dev.strata.service.support.SharedServer;
import dev.strata.service.support.TestServer;
import dev.strata.service.tier.warm.WarmItems;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** Active sessions served hot and warm, never stale, PostgreSQL the source of truth. */
class SessionCacheTest {

    private static Response append(ApiClient api, Tenant tenant, String session, String user, String content) {
        Response response = api.as(tenant, "POST", "/v1/sessions/" + session + "/messages",
                "{\"userId\":\"" + user + "\",\"role\":\"user\",\"content\":\"" + content + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response;
    }

    private static Response get(ApiClient api, Tenant tenant, String session) {
        Response response = api.as(tenant, "GET", "/v1/sessions/" + session + "/messages?userId=u1&all=true", null);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static List<String> contents(Response response) {
        List<String> contents = new ArrayList<>();
        for (JsonNode message : response.json().get("window").get("messages")) {
            contents.add(message.get("content").asText());
        }
        return contents;
    }

    private static void dropRedisKey(Tenant tenant, String session) {
        try (JedisPooled jedis = new JedisPooled(URI.create(EmbeddedStores.redisUrl()))) {
            jedis.del(SessionCache.key(tenant.id(), session));
        }
    }

    @Test
    void readsAreServedHotThenWarmThenFromPostgres() {
        TestServer server = SharedServer.get();
        ApiClient api = server.client();
        Tenant tenant = api.newTenant();
        append(api, tenant, "s1", "u1", "I am planning a trip to Kyoto in April.");
        append(api, tenant, "s1", "u1", "I would like to see the cherry blossoms.");
        List<String> expected = List.of("I am planning a trip to Kyoto in April.", "I would like to see the cherry blossoms.");

        Response first = get(api, tenant, "s1");
        assertThat(first.header("X-Strata-Tier")).isEqualTo("hot");
        assertThat(contents(first)).isEqualTo(expected);
        assertThat(first.json().get("allMessages")).hasSize(2);
        assertThat(get(api, tenant, "s1").header("X-Strata-Tier")).isEqualTo("hot");
        assertThat(EmbeddedStores.redisKeys(SessionCache.key(tenant.id(), "s1"))).hasSize(1);

        server.bean(SessionCache.class).clearHot();
        Response warm = get(api, tenant, "s1");
        assertThat(warm.header("X-Strata-Tier")).isEqualTo("warm");
        assertThat(contents(warm)).isEqualTo(expected);
        assertThat(warm.json().get("window")).isEqualTo(first.json().get("window"));
        assertThat(get(api, tenant, "s1").header("X-Strata-Tier")).isEqualTo("hot");

        server.bean(SessionCache.class).clearHot();
        dropRedisKey(tenant, "s1");
        Response durable = get(api, tenant, "s1");
        assertThat(durable.header("X-Strata-Tier")).isEqualTo("durable");
        assertThat(durable.json().get("window")).isEqualTo(first.json().get("window"));
        assertThat(get(api, tenant, "s1").header("X-Strata-Tier")).isEqualTo("hot");
    }

    @Test
    void adminScansOfRedisSeeItemsButNotSessionCaches() {
        ApiClient api = SharedServer.get().client();
        Tenant tenant = api.newTenant();
        append(api, tenant, "a1", "u1", "A message the admin tools must not mistake for an item.");
        assertThat(api.as(tenant, "PUT", "/v1/kv/ns/item", "42").status()).isBetween(200, 204);
        assertThat(EmbeddedStores.redisKeys(SessionCache.key(tenant.id(), "a1"))).hasSize(1);
        List<WarmItems.Entry> entries = new ArrayList<>();
        try (JedisPooled jedis = new JedisPooled(URI.create(EmbeddedStores.redisUrl())); WarmItems items = new WarmItems(jedis, 0, false)) {
            items.forEachPage(tenant.id(), page -> entries.addAll(items.read(page)));
        }
        assertThat(entries).extracting(entry -> entry.key().namespace() + "/" + entry.key().key()).containsExactly("ns/item");
    }

    @Test
    void resetAndRecreateNeverServesTheOldMessages() {
        TestServer server = SharedServer.get();
        ApiClient api = server.client();
        Tenant tenant = api.newTenant();
        append(api, tenant, "s2", "u1", "The old conversation about taxes.");
        assertThat(get(api, tenant, "s2").header("X-Strata-Tier")).isEqualTo("hot");
        assertThat(api.as(tenant, "DELETE", "/v1/sessions/s2?userId=u1", null).status()).isEqualTo(204);
        assertThat(server.bean(SessionCache.class).hotHolds(tenant.id(), "s2")).isFalse();
        assertThat(EmbeddedStores.redisKeys(SessionCache.key(tenant.id(), "s2"))).isEmpty();
        assertThat(api.as(tenant, "GET", "/v1/sessions/s2/messages?userId=u1", null).status()).isEqualTo(404);
        append(api, tenant, "s2", "u1", "A new conversation about gardening.");
        assertThat(contents(get(api, tenant, "s2"))).containsExactly("A new conversation about gardening.");

        append(api, tenant, "s3", "u1", "Please remember that I am vegetarian and allergic to peanuts.");
        assertThat(api.as(tenant, "POST", "/v1/sessions/s3:consolidate?userId=u1", null).status()).isEqualTo(200);
        assertThat(server.bean(SessionCache.class).hotHolds(tenant.id(), "s3")).isFalse();
        assertThat(EmbeddedStores.redisKeys(SessionCache.key(tenant.id(), "s3"))).isEmpty();
    }

    @Test
    void anAppendOnOneInstanceIsVisibleOnTheOtherAtOnce() {
        try (TestServer a = TestServer.withRedis(Map.of()); TestServer b = TestServer.withRedis(Map.of())) {
            crossInstance(a, b);
        }
    }

    @Test
    void anAppendOnOneInstanceIsVisibleOnTheOtherAtOnceWithoutRedis() {
        try (TestServer a = TestServer.withoutRedis(Map.of()); TestServer b = TestServer.withoutRedis(Map.of())) {
            crossInstance(a, b);
        }
    }

    private static void crossInstance(TestServer a, TestServer b) {
        Tenant tenant = a.client().newTenant();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            TestServer writer = i % 2 == 0 ? a : b;
            TestServer reader = i % 2 == 0 ? b : a;
            // The reader holds the previous version hot before the writer appends.
            if (i > 0) {
                assertThat(get(reader.client(), tenant, "shared").header("X-Strata-Tier")).isIn("hot", "warm");
            }
            String content = "Message number " + i + " about the project deadline.";
            append(writer.client(), tenant, "shared", "u1", content);
            expected.add(content);
            Response seen = get(reader.client(), tenant, "shared");
            assertThat(contents(seen)).as("round %d", i).isEqualTo(expected);
            assertThat(seen.header("X-Strata-Tier")).isNotEqualTo("hot");
        }
    }

    @Test
    void sessionsSurviveARestartAndServeFromRedisThenPostgres() {
        Tenant tenant;
        Response before;
        try (TestServer first = TestServer.withRedis(Map.of())) {
            tenant = first.client().newTenant();
            append(first.client(), tenant, "r1", "u1", "My flight to Lisbon leaves on Friday morning.");
            before = get(first.client(), tenant, "r1");
        }
        try (TestServer second = TestServer.withRedis(Map.of())) {
            Response warm = get(second.client(), tenant, "r1");
            assertThat(warm.header("X-Strata-Tier")).isEqualTo("warm");
            assertThat(warm.json().get("window")).isEqualTo(before.json().get("window"));
            second.bean(SessionCache.class).clearHot();
            dropRedisKey(tenant, "r1");
            Response durable = get(second.client(), tenant, "r1");
            assertThat(durable.header("X-Strata-Tier")).isEqualTo("durable");
            assertThat(durable.json().get("window")).isEqualTo(before.json().get("window"));
        }
    }

    @Test
    void whileRedisIsDownSessionsWorkFromPostgres() {
        try (TestServer server = TestServer.withRedis(Map.of())) {
            ApiClient api = server.client();
            Tenant tenant = api.newTenant();
            append(api, tenant, "d1", "u1", "First message before the outage.");
            assertThat(get(api, tenant, "d1").header("X-Strata-Tier")).isEqualTo("hot");
            EmbeddedStores.stopRedis();
            try {
                append(api, tenant, "d1", "u1", "Second message during the outage.");
                server.bean(SessionCache.class).clearHot();
                Response during = get(api, tenant, "d1");
                assertThat(during.header("X-Strata-Tier")).isEqualTo("durable");
                // No key/value request touched Redis: the session cache's failure alone marked the warm tier down for the server.
                assertThat(((dev.strata.service.tier.warm.RedisWarmTier) server.bean(dev.strata.service.tier.warm.WarmTier.class)).isAvailable())
                        .isFalse();
                assertThat(contents(during)).containsExactly("First message before the outage.", "Second message during the outage.");
                assertThat(get(api, tenant, "d1").header("X-Strata-Tier")).isEqualTo("hot");
            } finally {
                EmbeddedStores.startRedis();
            }
            assertThat(((dev.strata.service.tier.warm.RedisWarmTier) server.bean(dev.strata.service.tier.warm.WarmTier.class)).tryReattach())
                    .as("one way back for every user of Redis").isTrue();
            // Redis came back empty; PostgreSQL still has everything.
            server.bean(SessionCache.class).clearHot();
            append(api, tenant, "d1", "u1", "Third message after the outage.");
            assertThat(contents(get(api, tenant, "d1"))).containsExactly("First message before the outage.",
                    "Second message during the outage.", "Third message after the outage.");
        } finally {
            EmbeddedStores.startRedisIfStopped();
        }
    }
}

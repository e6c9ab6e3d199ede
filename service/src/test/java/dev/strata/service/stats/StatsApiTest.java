package dev.strata.service.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.service.support.ApiClient;
import dev.strata.service.support.ApiClient.Response;
import dev.strata.service.support.ApiClient.Tenant;
import dev.strata.service.support.SharedServer;
import dev.strata.service.support.TestServer;
import dev.strata.service.tier.hot.HotTier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /v1/stats against real PostgreSQL and Redis: the figures follow real reads, and health is real. */
class StatsApiTest {

    private static TestServer server;
    private static ApiClient api;

    @BeforeAll
    static void startServer() {
        server = SharedServer.get();
        api = server.client();
    }

    @Test
    void samplesCountReadsPerTierAndReportSizesAndHealth() {
        Tenant tenant = api.newTenant();
        StatsSampler sampler = server.bean(StatsSampler.class);
        api.as(tenant, "PUT", "/v1/kv/stats/a", "{\"v\":1}");
        sampler.sampleNow(); // start a fresh interval
        for (int i = 0; i < 5; i++) {
            assertThat(api.as(tenant, "GET", "/v1/kv/stats/a", null).header("X-Strata-Tier")).isEqualTo("hot");
        }
        server.bean(HotTier.class).clear();
        assertThat(api.as(tenant, "GET", "/v1/kv/stats/a", null).header("X-Strata-Tier")).isEqualTo("warm");
        sampler.sampleNow();

        Response stats = api.as(tenant, "GET", "/v1/stats", null);
        assertThat(stats.status()).isEqualTo(200);
        assertThat(stats.header("Cache-Control")).contains("no-store");
        JsonNode body = stats.json();
        assertThat(body.get("tenant").asText()).isEqualTo(tenant.id());
        assertThat(body.get("sampleIntervalSeconds").asInt()).isEqualTo(5);
        assertThat(body.get("instance").asText()).matches("[0-9a-f]{8}");
        JsonNode samples = body.get("samples");
        JsonNode last = samples.get(samples.size() - 1).get("tiers");
        // Other test classes may read concurrently on the shared server: at least ours were counted.
        assertThat(last.get("hot").get("reads").asLong()).isGreaterThanOrEqualTo(6);
        assertThat(last.get("hot").get("hitRatio").asDouble()).isBetween(0.0, 1.0);
        assertThat(last.get("warm").get("reads").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(last.get("warm").get("hitRatio").asDouble()).isGreaterThan(0.0);
        assertThat(last.get("hot").get("bytes").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(last.get("warm").get("entries").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(last.get("durable").get("entries").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(last.get("durable").get("bytes").asLong()).isGreaterThan(0);
        assertThat(body.get("health").get("postgres").get("status").asText()).isEqualTo("UP");
        // Only status (and enabled): an indicator's error details could name hosts and ports.
        assertThat(body.get("health").get("postgres").size()).isEqualTo(1);
        assertThat(body.get("health").get("redis").get("status").asText()).isEqualTo("UP");
        assertThat(body.get("health").get("redis").get("enabled").asBoolean()).isTrue();
    }

    @Test
    void readHitsAreCountedPerTenantAndEachTenantSeesOnlyItsOwn() {
        Tenant reader = api.newTenant();
        Tenant other = api.newTenant();
        api.as(reader, "PUT", "/v1/kv/stats/a", "{\"v\":1}");
        String servedBy = null;
        for (int i = 0; i < 4; i++) {
            servedBy = api.as(reader, "GET", "/v1/kv/stats/a", null).header("X-Strata-Tier");
        }
        // Misses in every tier: nothing is stored under this key.
        api.as(reader, "GET", "/v1/kv/stats/absent", null);
        for (int i = 0; i < 7; i++) {
            api.as(other, "GET", "/v1/kv/stats/absent" + i, null);
        }
        JsonNode own = api.as(reader, "GET", "/v1/stats", null).json().get("tenantHitRatios");
        // Every read asks the hot tier once: 5 reads, whatever the hot tier kept.
        assertThat(own.get("hot").get("hits").asLong() + own.get("hot").get("misses").asLong()).isEqualTo(5);
        assertThat(own.get("durable").get("misses").asLong()).isEqualTo(1);
        assertThat(own.get("hot").get("hitRatio").asDouble()).isBetween(0.0, 1.0);

        Response all = api.admin("GET", "/v1/admin/stats/tenants", null);
        assertThat(all.status()).isEqualTo(200);
        JsonNode tenants = all.json().get("tenants");
        assertThat(tenants.get(reader.id()).get("reads")).isEqualTo(own);
        assertThat(tenants.get(other.id()).get("reads").get("hot").get("misses").asLong()).isEqualTo(7);
        assertThat(tenants.get(other.id()).get("reads").get("durable").get("hits").asLong()).isZero();
        // What the hot tier holds of each tenant now: the reader's one value of 7 bytes (it was just served from there), nothing of the other's.
        assertThat(servedBy).isEqualTo("hot");
        assertThat(tenants.get(reader.id()).get("hot").get("entries").asLong()).isEqualTo(1);
        assertThat(tenants.get(reader.id()).get("hot").get("bytes").asLong()).isEqualTo(7);
        assertThat(tenants.get(other.id()).get("hot").get("entries").asLong()).isZero();
        assertThat(all.json().get("instance").asText()).isEqualTo(api.as(reader, "GET", "/v1/stats", null).json().get("instance").asText());
        // A tenant key cannot read other tenants' counts.
        assertThat(api.as(reader, "GET", "/v1/admin/stats/tenants", null).status()).isIn(401, 403);
    }

    @Test
    void needsAValidKeyAndRefusesUnknownParameters() {
        Response anonymous = api.send("GET", "/v1/stats", null, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.send("GET", "/v1/stats", "Bearer sk_0000_wrong", null).status()).isEqualTo(401);
        Response unknown = api.as(api.newTenant(), "GET", "/v1/stats?tier=hot", null);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void withoutRedisTheWarmTierIsReportedAsNotConfigured() {
        try (TestServer noRedis = TestServer.withoutRedis(java.util.Map.of())) {
            Tenant tenant = noRedis.client().newTenant();
            noRedis.bean(StatsSampler.class).sampleNow();
            JsonNode body = noRedis.client().as(tenant, "GET", "/v1/stats", null).json();
            assertThat(body.get("health").get("redis").get("enabled").asBoolean()).isFalse();
            JsonNode warm = body.get("samples").get(0).get("tiers").get("warm");
            assertThat(warm.get("entries")).isNull();
        }
    }
}

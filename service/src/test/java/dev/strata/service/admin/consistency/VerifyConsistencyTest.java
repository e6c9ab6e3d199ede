package dev.strata.service.admin.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.service.admin.AdminRun;
import dev.strata.service.support.ApiClient;
import dev.strata.service.support.EmbeddedStores;
import dev.strata.service.support.TestServer;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** Drift injected into Redis behind a real server's back is found by kind and repaired with the durable tier winning. */
class VerifyConsistencyTest {

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
    void driftIsReportedByKindAndRepaired() throws Exception {
        ApiClient api = server.client();
        ApiClient.Tenant tenant = api.newTenant();
        for (int i = 0; i < 50; i++) {
            assertThat(api.as(tenant, "PUT", "/v1/kv/ns/item" + i + (i % 10 == 0 ? "?ttl=3600" : ""), "{\"i\":" + i + "}").status())
                    .isEqualTo(200);
        }
        assertThat(api.as(tenant, "PUT", "/v1/kv/ns/scratch?tier=ephemeral", "\"only in redis\"").status()).isEqualTo(200);
        String prefix = "strata:v1:" + tenant.id() + ":ns:";
        assertThat(EmbeddedStores.redisKeys(prefix + "*")).hasSize(51);

        AdminRun clean = AdminRun.run("postgres", true, "verify-consistency", "--tenant", tenant.id());
        assertThat(clean.exitCode()).as(clean.toString()).isZero();
        assertThat(clean.out()).contains("compared 50 item(s), 0 difference(s)");
        // The progress bar's estimate: the tenant's 50 live durable items, which is what the check then reports.
        try (dev.strata.service.tier.warm.WarmItems warm = new dev.strata.service.tier.warm.WarmItems(
                new JedisPooled(URI.create(EmbeddedStores.redisUrl())), 86_400, true);
             com.zaxxer.hikari.HikariDataSource db = EmbeddedStores.migratedDataSource(1)) {
            WarmDurableCheck check = new WarmDurableCheck(warm, db, System::currentTimeMillis);
            assertThat(check.expectedItems(tenant.id())).isEqualTo(50);
            long[] reported = {0};
            check.run(tenant.id(), false, n -> reported[0] += n, drift -> { });
            assertThat(reported[0]).isEqualTo(50);
            assertThat(check.expectedItems(null)).as("every key in Redis").isGreaterThanOrEqualTo(51);
        }

        try (JedisPooled redis = new JedisPooled(URI.create(EmbeddedStores.redisUrl()))) {
            redis.hset(prefix + "item1", "v", "{\"i\":\"tampered\"}");
            long version2 = Long.parseLong(redis.hget(prefix + "item2", "ver"));
            redis.hset(prefix + "item2", "ver", Long.toString(version2 + 5));
            redis.persist(prefix + "item10");
            redis.hset(prefix + "item10", "exp", "0");
            redis.hset(prefix + "ghost", Map.of("v", "1", "ver", "17", "exp", "0", "eph", "0"));
        }

        AdminRun found = AdminRun.run("postgres", true, "verify-consistency", "--tenant", tenant.id());
        assertThat(found.exitCode()).as(found.toString()).isEqualTo(1);
        assertThat(found.out()).contains("drift    VALUE    " + tenant.id() + "/ns/item1:")
                .contains("drift    VERSION  " + tenant.id() + "/ns/item2:")
                .contains("drift    TTL      " + tenant.id() + "/ns/item10:")
                .contains("drift    ORPHAN   " + tenant.id() + "/ns/ghost:")
                .contains("4 difference(s) {ORPHAN=1, TTL=1, VALUE=1, VERSION=1}");
        assertThat(found.out()).doesNotContain("scratch");

        AdminRun repaired = AdminRun.run("postgres", true, "verify-consistency", "--tenant", tenant.id(), "--repair");
        assertThat(repaired.exitCode()).as(repaired.toString()).isZero();
        assertThat(repaired.out()).contains("repaired VALUE").contains("repaired ORPHAN").contains("all repaired (durable won)");

        AdminRun after = AdminRun.run("postgres", true, "verify-consistency", "--tenant", tenant.id(), "--json");
        assertThat(after.exitCode()).as(after.toString()).isZero();
        assertThat(after.out()).contains("\"compared\" : 50");
        try (JedisPooled redis = new JedisPooled(URI.create(EmbeddedStores.redisUrl()))) {
            assertThat(redis.hget(prefix + "item1", "v")).isEqualTo("{\"i\":1}");
            assertThat(redis.pttl(prefix + "item10")).isPositive();
            assertThat(redis.exists(prefix + "ghost")).isFalse();
            assertThat(redis.exists(prefix + "scratch")).as("ephemeral items are not drift").isTrue();
        }
        assertThat(api.as(tenant, "GET", "/v1/kv/ns/item1", null).body()).isEqualTo("{\"i\":1}");
    }

    @Test
    void withoutRedisThereIsNothingToCompare() {
        AdminRun run = AdminRun.run("postgres", false, "verify-consistency");
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("no warm tier is configured");
    }
}

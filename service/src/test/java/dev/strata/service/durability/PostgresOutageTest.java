package dev.strata.service.durability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.service.kv.ItemKey;
import dev.strata.service.support.ApiClient;
import dev.strata.service.support.ApiClient.Response;
import dev.strata.service.support.ApiClient.Tenant;
import dev.strata.service.support.EmbeddedStores;
import dev.strata.service.support.TestServer;
import dev.strata.service.tier.hot.HotTier;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server whose PostgreSQL goes away: writes fail fast with 503 and Retry-After, cached items are
 * still served from the hot tier, and once PostgreSQL is back nothing of the refused writes exists.
 * Uses a private PostgreSQL so stopping it does not disturb other tests.
 */
class PostgresOutageTest {

    private static final Duration FAIL_FAST = Duration.ofSeconds(3);

    private EmbeddedPostgres postgres;

    @AfterEach
    void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static EmbeddedPostgres startPostgres(Path dataDir, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port).start();
    }

    @Test
    void writesFailFastWhilePostgresIsDownAndNothingHalfWrittenAppearsAfterwards(@TempDir Path dataDir) throws Exception {
        int port = EmbeddedStores.freePort();
        postgres = startPostgres(dataDir, port);
        String url = postgres.getJdbcUrl("postgres", "postgres");
        try (TestServer server = TestServer.withoutRedis(Map.of("strata.durable.url", url))) {
            ApiClient api = server.client();
            HotTier hot = server.bean(HotTier.class);
            Tenant tenant = api.newTenant();
            String cachedEtag = api.as(tenant, "PUT", "/v1/kv/ns/cached", "{\"v\":1}").header("ETag");
            assertThat(api.as(tenant, "PUT", "/v1/kv/ns/not-cached", "2").status()).isEqualTo(200);
            hot.remove(new ItemKey(tenant.id(), "ns", "not-cached"));

            // Semantic memory in use before the outage (the embedding model loaded, the tenant's feature flags read).
            assertThat(api.as(tenant, "POST", "/v1/memories", "{\"userId\":\"u\",\"text\":\"Written before the outage\"}").status())
                    .isEqualTo(201);
            assertThat(api.as(tenant, "POST", "/v1/sessions/s1/messages", "{\"userId\":\"u\",\"role\":\"user\",\"content\":\"hello\"}").status())
                    .isEqualTo(201);
            RacingWriters writers = new RacingWriters();
            writers.start(api, tenant, 4);
            writers.awaitAcknowledged(50);
            postgres.close();
            postgres = null;
            writers.awaitStopped();
            assertThat(writers.acknowledged()).hasSizeGreaterThanOrEqualTo(50);
            assertThat(writers.notAcknowledged()).hasSizeGreaterThanOrEqualTo(12);

            assertUnavailableFast(() -> api.as(tenant, "PUT", "/v1/kv/ns/during-outage", "\"lost\""));
            assertUnavailableFast(() -> api.as(tenant, "PUT", "/v1/kv/ns/cached", "{\"v\":2}"));
            assertUnavailableFast(() -> api.as(tenant, "DELETE", "/v1/kv/ns/cached", null));
            assertUnavailableFast(() -> api.as(tenant, "POST", "/v1/kv/ns:batch",
                    "{\"operations\":[{\"op\":\"put\",\"key\":\"batch-1\",\"value\":1},{\"op\":\"put\",\"key\":\"batch-2\",\"value\":2}]}"));
            assertUnavailableFast(() -> api.as(tenant, "GET", "/v1/kv/ns/not-cached", null));
            assertUnavailableFast(() -> api.as(tenant, "GET", "/v1/kv/ns", null));
            // Semantic memory reaches PostgreSQL through Spring JDBC: the same 503, never a 500.
            assertUnavailableFast(() -> api.as(tenant, "POST", "/v1/memories", "{\"userId\":\"u\",\"text\":\"Written during the outage\"}"));
            assertUnavailableFast(() -> api.as(tenant, "POST", "/v1/memories/search", "{\"userId\":\"u\",\"query\":\"outage\"}"));
            assertUnavailableFast(() -> api.as(tenant, "POST", "/v1/sessions/s1/messages", "{\"userId\":\"u\",\"role\":\"user\",\"content\":\"lost\"}"));
            assertUnavailableFast(() -> api.as(tenant, "GET", "/v1/sessions/s1/messages?userId=u", null));
            assertUnavailableFast(() -> api.as(tenant, "GET", "/v1/users/u/summary", null));
            Response cached = api.as(tenant, "GET", "/v1/kv/ns/cached", null);
            assertThat(cached.status()).isEqualTo(200);
            assertThat(cached.header("X-Strata-Tier")).isEqualTo("hot");
            assertThat(cached.body()).isEqualTo("{\"v\":1}");
            // Past the key cache's lifetime the tenant key is re-verified; PostgreSQL is still down.
            Thread.sleep(dev.strata.service.tenant.Authenticator.CACHE_TTL.plusMillis(300).toMillis());
            assertThat(api.as(tenant, "GET", "/v1/kv/ns/cached", null).status()).as("cached reads outlast the key cache").isEqualTo(200);
            assertUnavailableFast(() -> api.as(new Tenant(tenant.id(), "sk_0123456789abcdef_unknownkeyunknownkeyunknownkeyunknownkey12"),
                    "GET", "/v1/kv/ns/cached", null));

            postgres = startPostgres(dataDir, port);
            awaitWritesAccepted(api, tenant);

            hot.clear();
            assertThat(api.as(tenant, "GET", "/v1/kv/ns/during-outage", null).status()).isEqualTo(404);
            assertThat(api.as(tenant, "GET", "/v1/kv/ns/batch-1", null).status()).isEqualTo(404);
            Response afterwards = api.as(tenant, "GET", "/v1/kv/ns/cached", null);
            assertThat(afterwards.body()).isEqualTo("{\"v\":1}");
            assertThat(afterwards.header("ETag")).isEqualTo(cachedEtag);
            assertThat(rowsOf(url, tenant.id())).isEqualTo("cached,not-cached,recovered");
            assertRacingWritesWholeOrAbsent(api, tenant, writers);
        }
    }

    private static void assertUnavailableFast(Supplier<Response> request) {
        long start = System.nanoTime();
        Response response = request.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("time to refuse").isLessThan(FAIL_FAST);
        assertThat(response.status()).as(response.body()).isEqualTo(503);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo("https://strata.dev/problems/durable-unavailable");
        assertThat(response.json().get("detail").asText()).isNotBlank();
        assertThat(Long.parseLong(response.header("Retry-After"))).isGreaterThanOrEqualTo(1);
    }

    /** Hikari replaces its dead connections on demand; the first writes after the restart may still fail. */
    private static void awaitWritesAccepted(ApiClient api, Tenant tenant) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int status;
        do {
            status = api.as(tenant, "PUT", "/v1/kv/ns/recovered", "true").status();
            if (status != 200) {
                Thread.sleep(200);
            }
        } while (status != 200 && System.nanoTime() < deadline);
        assertThat(status).as("writes accepted again after PostgreSQL returned").isEqualTo(200);
    }

    /** Acknowledged writes are all there; the ones refused while PostgreSQL went away are absent or whole. */
    private static void assertRacingWritesWholeOrAbsent(ApiClient api, Tenant tenant, RacingWriters writers) {
        writers.acknowledged().forEach((key, value) ->
                assertThat(api.as(tenant, "GET", "/v1/kv/" + RacingWriters.NAMESPACE + "/" + key, null).body()).as(key).isEqualTo(value));
        int committedAnyway = 0;
        for (Map.Entry<String, String> refused : writers.notAcknowledged().entrySet()) {
            Response stored = api.as(tenant, "GET", "/v1/kv/" + RacingWriters.NAMESPACE + "/" + refused.getKey(), null);
            assertThat(stored.status()).isIn(200, 404);
            if (stored.status() == 200) {
                assertThat(stored.body()).isEqualTo(refused.getValue());
                committedAnyway++;
            }
        }
        Response listing = api.as(tenant, "GET", "/v1/kv/" + RacingWriters.NAMESPACE + "?limit=1000", null);
        java.util.Set<String> listed = new java.util.HashSet<>();
        listing.json().get("items").forEach(item -> listed.add(item.get("key").asText()));
        assertThat(listed).containsAll(writers.acknowledged().keySet()).hasSize(writers.acknowledged().size() + committedAnyway);
        System.out.printf("PostgreSQL outage: %d writes acknowledged before it, %d refused, of which %d had committed%n",
                writers.acknowledged().size(), writers.notAcknowledged().size(), committedAnyway);
    }

    private static String rowsOf(String url, String tenant) throws Exception {
        try (Connection db = java.sql.DriverManager.getConnection(url, "postgres", "postgres");
             PreparedStatement select = db.prepareStatement(
                     "SELECT string_agg(item_key, ',' ORDER BY item_key) FROM kv_items WHERE tenant_id = ? AND namespace = 'ns'")) {
            select.setString(1, tenant);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }
}

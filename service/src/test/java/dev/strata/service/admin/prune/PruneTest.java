package dev.strata.service.admin.prune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.service.admin.AdminRun;
import dev.strata.service.prune.PruneJob;
import dev.strata.service.prune.Pruner;
import dev.strata.service.support.ApiClient;
import dev.strata.service.support.EmbeddedStores;
import dev.strata.service.support.TestServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Prune against real PostgreSQL: limits are respected (newest kept), --dry-run changes nothing, the server's job counts what it removed. */
class PruneTest {

    /** A tenant with 100 items written one minute apart (item99 newest), 10 of them expired, 100 bytes of value each. */
    private static String tenantWithHistory() {
        EmbeddedStores.migratedPostgresUrl();
        String tenant = "prune-" + UUID.randomUUID().toString().substring(0, 8);
        EmbeddedStores.update("INSERT INTO tenants (id, name) VALUES (?, ?)", tenant, tenant);
        EmbeddedStores.update("""
                INSERT INTO kv_items (tenant_id, namespace, item_key, value, version, expires_at, updated_at)
                SELECT ?, 'ns', 'item' || lpad(i::text, 2, '0'), convert_to('"' || repeat('x', 98) || '"', 'UTF8'), 1000 + i,
                       CASE WHEN i < 10 THEN now() - interval '1 minute' END,
                       now() - ((100 - i) || ' minutes')::interval
                  FROM generate_series(0, 99) AS i""", tenant);
        return tenant;
    }

    private static String fingerprint(String tenant) {
        return Long.toString(EmbeddedStores.queryLong("SELECT count(*) FROM kv_items WHERE tenant_id = ?", tenant)) + "/"
                + EmbeddedStores.queryLong("SELECT coalesce(sum(version), 0) FROM kv_items WHERE tenant_id = ?", tenant);
    }

    @Test
    void dryRunListsWhatWouldGoAndChangesNothing() {
        String tenant = tenantWithHistory();
        String before = fingerprint(tenant);
        AdminRun run = AdminRun.run("postgres", false, "prune", "--tenant", tenant, "--max-items", "50", "--dry-run", "--max-listed", "100");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("would remove EXPIRED   " + tenant + "/ns/item00")
                .contains("would remove MAX_ITEMS " + tenant + "/ns/item49")
                .doesNotContain("/ns/item50 ")
                .contains("Dry run: would remove 50 item(s), 5000 bytes {EXPIRED=10, MAX_ITEMS=40}");
        assertThat(fingerprint(tenant)).isEqualTo(before);
    }

    @Test
    void theRowCountBehindTheProgressBarsEtaIsWhatARunReads() throws Exception {
        String tenant = tenantWithHistory();
        try (com.zaxxer.hikari.HikariDataSource db = EmbeddedStores.migratedDataSource(2)) {
            Pruner pruner = new Pruner(db, System::currentTimeMillis);
            java.util.function.Function<String, dev.strata.service.prune.PruneProperties.Limits> limits =
                    id -> new dev.strata.service.prune.PruneProperties.Limits(50, 0, 0, 0, 0);
            java.util.function.Function<String, dev.strata.service.prune.PruneProperties.Limits> unlimited =
                    id -> new dev.strata.service.prune.PruneProperties.Limits(0, 0, 0, 0, 0);
            // With a limit, every live item of the tenant is read (90) besides the 10 expired ones; without, only the expired.
            assertThat(pruner.rowsToScan(tenant, limits)).isEqualTo(100);
            assertThat(pruner.rowsToScan(tenant, unlimited)).isEqualTo(10);
            long[] scanned = {0};
            pruner.onScanned(n -> scanned[0] += n).run(tenant, limits, true, candidate -> { }, batch -> { });
            assertThat(scanned[0]).isEqualTo(100);
        }
    }

    @Test
    void limitsKeepTheNewestItems() {
        String tenant = tenantWithHistory();
        AdminRun items = AdminRun.run("postgres", false, "prune", "--tenant", tenant, "--max-items", "60");
        assertThat(items.exitCode()).as(items.toString()).isZero();
        assertThat(items.out()).contains("Removed 40 item(s)");
        assertThat(EmbeddedStores.queryLong("SELECT count(*) FROM kv_items WHERE tenant_id = ?", tenant)).isEqualTo(60);
        assertThat(EmbeddedStores.queryLong("SELECT min(version) FROM kv_items WHERE tenant_id = ?", tenant)).isEqualTo(1040);

        // 3000 bytes hold exactly 30 items of 100 bytes; max age 20 minutes keeps fewer still.
        AdminRun bytes = AdminRun.run("postgres", false, "prune", "--tenant", tenant, "--max-bytes", "3000");
        assertThat(bytes.out()).contains("Removed 30 item(s), 3000 bytes {MAX_BYTES=30}");
        AdminRun age = AdminRun.run("postgres", false, "prune", "--tenant", tenant, "--max-age-seconds", "1230");
        assertThat(age.out()).contains("Removed 10 item(s)").contains("MAX_AGE=10");
        assertThat(EmbeddedStores.queryLong("SELECT count(*) FROM kv_items WHERE tenant_id = ?", tenant)).isEqualTo(20);
        assertThat(EmbeddedStores.queryLong("SELECT min(version) FROM kv_items WHERE tenant_id = ?", tenant)).isEqualTo(1080);
    }

    @Test
    void configuredTenantLimitsApplyAndOtherTenantsOnlyLoseExpiredItems() {
        String limited = tenantWithHistory();
        String other = tenantWithHistory();
        AdminRun run = AdminRun.run("postgres", false, "prune", "-Dstrata.prune.tenants." + limited + ".max-items=25");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(EmbeddedStores.queryLong("SELECT count(*) FROM kv_items WHERE tenant_id = ?", limited)).isEqualTo(25);
        assertThat(EmbeddedStores.queryLong("SELECT count(*) FROM kv_items WHERE tenant_id = ?", other)).isEqualTo(90);
    }

    @Test
    void itemsPrunedByTheCliVanishFromARunningServersHotTierAtOnce() throws Exception {
        // The default hot-tier staleness bound is 300 s: only the invalidation can make this fast.
        try (TestServer server = TestServer.withoutRedis(Map.of())) {
            ApiClient api = server.client();
            ApiClient.Tenant tenant = api.newTenant();
            for (int i = 0; i < 3; i++) {
                assertThat(api.as(tenant, "PUT", "/v1/kv/ns/k" + i, Integer.toString(i)).status()).isEqualTo(200);
            }
            assertThat(api.as(tenant, "GET", "/v1/kv/ns/k0", null).header("X-Strata-Tier")).isEqualTo("hot");
            AdminRun run = AdminRun.run("postgres", false, "prune", "--tenant", tenant.id(), "--max-items", "1");
            assertThat(run.out()).as(run.toString()).contains("Removed 2 item(s)");
            long deadline = System.nanoTime() + 3_000_000_000L;
            int status = 200;
            while (status == 200 && System.nanoTime() < deadline) {
                status = api.as(tenant, "GET", "/v1/kv/ns/k0", null).status();
                Thread.sleep(20);
            }
            assertThat(status).isEqualTo(404);
            assertThat(api.as(tenant, "GET", "/v1/kv/ns/k2", null).status()).isEqualTo(200);
        }
    }

    @Test
    void badLimitsAreUsageErrors() {
        AdminRun negative = AdminRun.run("postgres", false, "prune", "--tenant", "x", "--max-items", "-1");
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err()).contains("must not be negative");
        AdminRun noTenant = AdminRun.run("postgres", false, "prune", "--max-items", "5");
        assertThat(noTenant.exitCode()).isEqualTo(2);
        assertThat(noTenant.err()).contains("need --tenant");
    }

    @Test
    void scheduledJobRemovesOverLimitItemsEverywhereAndCountsThem() {
        // Limits for this test's tenant only: the database is shared with other tests.
        String id = "job-" + UUID.randomUUID().toString().substring(0, 8);
        try (TestServer server = TestServer.withRedis(Map.of("strata.prune.enabled", "true", "strata.prune.interval-seconds", "3600",
                "strata.prune.tenants." + id + ".max-items", "3"))) {
            ApiClient api = server.client();
            assertThat(api.admin("POST", "/v1/admin/tenants", "{\"id\":\"" + id + "\"}").status()).isEqualTo(201);
            ApiClient.Tenant tenant = new ApiClient.Tenant(id,
                    api.admin("POST", "/v1/admin/tenants/" + id + "/keys", "{}").json().get("key").asText());
            for (int i = 0; i < 5; i++) {
                assertThat(api.as(tenant, "PUT", "/v1/kv/ns/k" + i, Integer.toString(i)).status()).isEqualTo(200);
                assertThat(api.as(tenant, "GET", "/v1/kv/ns/k" + i, null).status()).isEqualTo(200);
            }
            Pruner.Report report = server.bean(PruneJob.class).runOnce();
            assertThat(report.items().get(Pruner.Reason.MAX_ITEMS)).isEqualTo(2L);
            assertThat(api.as(tenant, "GET", "/v1/kv/ns/k0", null).status()).as("gone from every tier").isEqualTo(404);
            assertThat(api.as(tenant, "GET", "/v1/kv/ns/k1", null).status()).isEqualTo(404);
            assertThat(api.as(tenant, "GET", "/v1/kv/ns/k4", null).status()).isEqualTo(200);
            double counted = server.bean(MeterRegistry.class).get(PruneJob.PRUNED_ITEMS).tag("reason", "max_items").counter().count();
            assertThat(counted).isEqualTo(2);
        }
    }
}

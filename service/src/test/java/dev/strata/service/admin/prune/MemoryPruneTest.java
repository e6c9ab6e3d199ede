package dev.strata.service.admin.prune;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.service.admin.AdminRun;
import dev.strata.service.prune.MemoryPruner;
import dev.strata.service.prune.PruneJob;
import dev.strata.service.support.ApiClient;
import dev.strata.service.support.EmbeddedStores;
import dev.strata.service.support.TestServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Memory limits of prune against real PostgreSQL and a running server: the lowest importance goes
 * first (ties: oldest), max age removes whatever the importance, --dry-run changes nothing, and a
 * pruned memory is no longer found by {@code POST /v1/memories/search}.
 */
class MemoryPruneTest {

    private static final String JOB_TENANT = "mjob-" + UUID.randomUUID().toString().substring(0, 8);
    private static TestServer server;

    @BeforeAll
    static void start() {
        // Limits for one tenant only: the database is shared with other tests. The job never runs on its own (1 h).
        server = TestServer.withoutRedis(Map.of("strata.prune.enabled", "true", "strata.prune.interval-seconds", "3600",
                "strata.prune.tenants." + JOB_TENANT + ".max-memories-per-user", "2"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static final String[] TEXTS = {
        "Prefers window seats on long flights", "Owns a golden retriever called Biscuit", "Is learning to play the cello",
        "Works as a structural engineer in Porto", "Is allergic to shellfish", "Runs a marathon every spring"};
    private static final double[] IMPORTANCE = {0.1, 0.1, 0.5, 0.9, 0.9, 0.3};

    /** Writes TEXTS for the user; memory i is created (6 − i) hours ago, so index 0 is the oldest. Returns the ids in order. */
    private static List<String> memories(ApiClient api, ApiClient.Tenant tenant, String user) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < TEXTS.length; i++) {
            ApiClient.Response created = api.as(tenant, "POST", "/v1/memories",
                    "{\"userId\":\"" + user + "\",\"text\":\"" + TEXTS[i] + "\",\"importance\":" + IMPORTANCE[i] + "}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.json().get("status").asText()).isEqualTo("created");
            String id = created.json().get("memory").get("id").asText();
            EmbeddedStores.update("UPDATE memories SET created_at = now() - (? || ' hours')::interval, updated_at = now() - interval '1 minute' "
                    + "WHERE id = ?", Integer.toString(TEXTS.length - i), id);
            ids.add(id);
        }
        return ids;
    }

    private static long count(String tenant, String user) {
        return EmbeddedStores.queryLong("SELECT count(*) FROM memories WHERE tenant_id = ? AND user_id = ?", tenant, user);
    }

    private static boolean exists(String id) {
        return EmbeddedStores.queryLong("SELECT count(*) FROM memories WHERE id = ?", id) == 1;
    }

    private static List<String> searchIds(ApiClient api, ApiClient.Tenant tenant, String user, String query) {
        ApiClient.Response response = api.as(tenant, "POST", "/v1/memories/search",
                "{\"userId\":\"" + user + "\",\"query\":\"" + query + "\",\"topK\":20}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonNode result : response.json().get("results")) {
            ids.add(result.get("memory").get("id").asText());
        }
        return ids;
    }

    /** Polls search until the memory is gone (the server learns of CLI deletions through the change feed). */
    private static boolean vanishesFromSearch(ApiClient api, ApiClient.Tenant tenant, String user, String query, String id)
            throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!searchIds(api, tenant, user, query).contains(id)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Test
    void theCandidateCountBehindTheProgressBarsEtaIsWhatARunLists() throws Exception {
        ApiClient api = server.client();
        ApiClient.Tenant tenant = api.newTenant();
        memories(api, tenant, "eta");
        try (com.zaxxer.hikari.HikariDataSource db = EmbeddedStores.migratedDataSource(2)) {
            dev.strata.service.memory.longterm.MemoryRepository repository = new dev.strata.service.memory.longterm.MemoryRepository(
                    new org.springframework.jdbc.core.JdbcTemplate(db), new org.springframework.transaction.support.TransactionTemplate(
                            new org.springframework.jdbc.datasource.DataSourceTransactionManager(db)), new com.fasterxml.jackson.databind.ObjectMapper());
            dev.strata.service.prune.MemoryPruner pruner = new dev.strata.service.prune.MemoryPruner(db, repository, System::currentTimeMillis);
            java.util.function.Function<String, dev.strata.service.prune.PruneProperties.Limits> limits =
                    id -> new dev.strata.service.prune.PruneProperties.Limits(0, 0, 0, 2, 0);
            assertThat(pruner.candidatesToScan(tenant.id(), limits)).isEqualTo(4);
            long[] scanned = {0};
            pruner.onScanned(n -> scanned[0] += n).run(tenant.id(), limits, true, candidate -> { }, ids -> { });
            assertThat(scanned[0]).isEqualTo(4);
            assertThat(pruner.candidatesToScan(tenant.id(), id -> new dev.strata.service.prune.PruneProperties.Limits(0, 0, 0, 0, 0))).isZero();
        }
        assertThat(count(tenant.id(), "eta")).as("counting changes nothing").isEqualTo(6);
    }

    @Test
    void dryRunListsTheLowestImportanceFirstAndChangesNothing() {
        ApiClient api = server.client();
        ApiClient.Tenant tenant = api.newTenant();
        List<String> ids = memories(api, tenant, "ana");
        String versions = Long.toString(EmbeddedStores.queryLong("SELECT sum(version) FROM memories WHERE tenant_id = ?", tenant.id()));
        AdminRun run = AdminRun.run("postgres", false, "prune", "--tenant", tenant.id(), "--max-memories-per-user", "3", "--dry-run");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        String out = run.out();
        // The two of importance 0.1 (oldest first), then 0.3.
        assertThat(out).contains("would remove MAX_MEMORIES_PER_USER memory " + tenant.id() + "/ana/" + ids.get(0) + "  importance 0.10");
        assertThat(out.indexOf(ids.get(0))).isLessThan(out.indexOf(ids.get(1)));
        assertThat(out.indexOf(ids.get(1))).isLessThan(out.indexOf(ids.get(5)));
        assertThat(out).doesNotContain(ids.get(2)).doesNotContain(ids.get(3)).doesNotContain(ids.get(4))
                .contains("Dry run: would remove 3 long-term memories {MAX_MEMORIES_PER_USER=3}");
        assertThat(count(tenant.id(), "ana")).isEqualTo(6);
        assertThat(Long.toString(EmbeddedStores.queryLong("SELECT sum(version) FROM memories WHERE tenant_id = ?", tenant.id())))
                .isEqualTo(versions);
    }

    @Test
    void limitsRemoveTheLowestImportanceFirstAndPrunedMemoriesLeaveSearch() throws Exception {
        ApiClient api = server.client();
        ApiClient.Tenant tenant = api.newTenant();
        List<String> ana = memories(api, tenant, "ana");
        List<String> ben = memories(api, tenant, "ben");
        assertThat(searchIds(api, tenant, "ana", "window seats on flights")).contains(ana.get(0));

        AdminRun run = AdminRun.run("postgres", false, "prune", "--tenant", tenant.id(), "--max-memories-per-user", "4", "--json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("\"MAX_MEMORIES_PER_USER\" : 4").contains("\"memoriesTotal\" : 4");
        // Per user 4 of 6 are kept, so exactly the two of importance 0.1 go (across two users: 4 in all).
        for (List<String> user : List.of(ana, ben)) {
            assertThat(exists(user.get(0))).isFalse();
            assertThat(exists(user.get(1))).isFalse();
            assertThat(exists(user.get(2)) && exists(user.get(3)) && exists(user.get(4)) && exists(user.get(5))).isTrue();
        }
        assertThat(count(tenant.id(), "ana")).isEqualTo(4);
        assertThat(vanishesFromSearch(api, tenant, "ana", "window seats on flights", ana.get(0))).as("pruned memory left search").isTrue();
        assertThat(searchIds(api, tenant, "ana", "marathon running")).as("kept memories are still found").contains(ana.get(5));

        // A tie at the cut: of ana's two of importance 0.9, only the newer is kept with a limit of 1.
        AdminRun two = AdminRun.run("postgres", false, "prune", "--tenant", tenant.id(), "--max-memories-per-user", "1");
        assertThat(two.exitCode()).as(two.toString()).isZero();
        assertThat(exists(ana.get(4))).as("the newer of the two most important").isTrue();
        assertThat(exists(ana.get(3))).as("the older of a tie goes first").isFalse();
        assertThat(count(tenant.id(), "ana")).isEqualTo(1);
        assertThat(count(tenant.id(), "ben")).isEqualTo(1);

        // Max age removes even the most important memory once it has not been written for longer.
        EmbeddedStores.update("UPDATE memories SET updated_at = now() - interval '2 hours' WHERE id = ?", ben.get(4));
        AdminRun age = AdminRun.run("postgres", false, "prune", "--tenant", tenant.id(), "--max-memory-age-seconds", "3600");
        assertThat(age.out()).as(age.toString()).contains("Removed 1 long-term memory {MAX_MEMORY_AGE=1}");
        assertThat(exists(ben.get(4))).isFalse();
        assertThat(exists(ana.get(4))).isTrue();
        assertThat(vanishesFromSearch(api, tenant, "ben", "shellfish allergy", ben.get(4))).isTrue();
    }

    @Test
    void scheduledJobAppliesConfiguredMemoryLimitsAndSearchForgetsAtOnce() {
        ApiClient api = server.client();
        assertThat(api.admin("POST", "/v1/admin/tenants", "{\"id\":\"" + JOB_TENANT + "\"}").status()).isEqualTo(201);
        ApiClient.Tenant tenant = new ApiClient.Tenant(JOB_TENANT,
                api.admin("POST", "/v1/admin/tenants/" + JOB_TENANT + "/keys", "{}").json().get("key").asText());
        List<String> ids = memories(api, tenant, "cy");
        server.bean(PruneJob.class).runOnce();
        MemoryPruner.Report report = server.bean(PruneJob.class).lastMemoryReport();
        assertThat(report.memories().get(MemoryPruner.Reason.MAX_MEMORIES_PER_USER)).isEqualTo(4L);
        assertThat(count(JOB_TENANT, "cy")).isEqualTo(2);
        assertThat(exists(ids.get(3)) && exists(ids.get(4))).as("the two of importance 0.9 stay").isTrue();
        // The job applies its deletions to this server's index before it returns: no waiting.
        assertThat(searchIds(api, tenant, "cy", "marathon running")).doesNotContain(ids.get(5)).contains(ids.get(4));
        double counted = server.bean(MeterRegistry.class).get(PruneJob.PRUNED_MEMORIES).tag("reason", "max_memories_per_user")
                .counter().count();
        assertThat(counted).isEqualTo(4);
    }

    @Test
    void noProgressBarWhenOutputIsNotATerminal() {
        ApiClient.Tenant tenant = server.client().newTenant();
        AdminRun piped = AdminRun.run("postgres", false, "prune", "--tenant", tenant.id(), "--max-memories-per-user", "1", "--dry-run");
        AdminRun off = AdminRun.run("postgres", false, "prune", "--tenant", tenant.id(), "--max-memories-per-user", "1", "--no-progress");
        assertThat(piped.exitCode()).as(piped.toString()).isZero();
        assertThat(off.exitCode()).as(off.toString()).isZero();
        assertThat(piped.err() + off.err()).doesNotContain("items/s").doesNotContain("prune");
    }

    @Test
    void memoryLimitsNeedATenantAndMustNotBeNegative() {
        AdminRun noTenant = AdminRun.run("postgres", false, "prune", "--max-memories-per-user", "5");
        assertThat(noTenant.exitCode()).isEqualTo(2);
        assertThat(noTenant.err()).contains("need --tenant");
        AdminRun negative = AdminRun.run("postgres", false, "prune", "--tenant", "x", "--max-memory-age-seconds", "-1");
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err()).contains("must not be negative");
        AdminRun config = AdminRun.run("postgres", false, "validate-config", "-Dstrata.prune.tenants.x.max-memories-per-user=-1");
        assertThat(config.exitCode()).as(config.toString()).isEqualTo(1);
        assertThat(config.out() + config.err()).contains("max-memories-per-user must not be negative");
    }
}

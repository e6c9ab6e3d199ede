package dev.strata.service.admin.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.service.admin.AdminRun;
import dev.strata.service.memory.index.IndexedMemory;
import dev.strata.service.memory.index.MemoryIndex;
import dev.strata.service.support.ApiClient;
import dev.strata.service.support.EmbeddedStores;
import dev.strata.service.support.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Drift injected into a running server's semantic index (an entry dropped, a row changed behind the
 * change feed's back, a ghost entry) is found by kind through {@code verify-consistency --server} and
 * repaired with PostgreSQL winning.
 */
class IndexConsistencyTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.withoutRedis(Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static AdminRun verify(String tenant, String... more) {
        List<String> args = new ArrayList<>(List.of("verify-consistency", "--tenant", tenant, "--server", server.client().baseUrl(),
                "-Dstrata.admin.token=" + TestServer.ADMIN_TOKEN));
        args.addAll(List.of(more));
        return AdminRun.run("postgres", false, args.toArray(String[]::new));
    }

    @Test
    void indexDriftIsReportedByKindAndRepaired() throws Exception {
        ApiClient api = server.client();
        ApiClient.Tenant tenant = api.newTenant();
        List<String> ids = new ArrayList<>();
        String[] texts = {"Keeps bees on the roof of the library", "Learned to sail on Lake Geneva", "Collects first editions of Jules Verne",
            "Bakes sourdough every Saturday morning"};
        for (String text : texts) {
            ApiClient.Response written = api.as(tenant, "POST", "/v1/memories", "{\"userId\":\"ida\",\"text\":\"" + text + "\"}");
            assertThat(written.status()).as(written.body()).isEqualTo(201);
            ids.add(written.json().get("memory").get("id").asText());
        }
        AdminRun clean = verify(tenant.id());
        assertThat(clean.exitCode()).as(clean.toString()).isZero();
        assertThat(clean.out()).contains("index-vs-durable " + api.baseUrl() + ": compared 4 item(s), 0 difference(s)");

        MemoryIndex index = server.bean(MemoryIndex.class);
        // MISSING: the index loses an entry. STALE: the row changes without the change feed hearing of it.
        // ORPHAN: the index holds a memory PostgreSQL does not have.
        index.delete(List.of(ids.get(0)));
        try (Connection connection = DriverManager.getConnection(EmbeddedStores.migratedPostgresUrl(), "postgres", "postgres");
             Statement statement = connection.createStatement()) {
            statement.execute("SET session_replication_role = replica");
            statement.executeUpdate("UPDATE memories SET version = version + 4 WHERE id = '" + ids.get(1) + "'");
        }
        index.upsert(List.of(new IndexedMemory("ghost-memory", tenant.id(), "ida", null, "A ghost", List.of(), List.of(), Map.of(),
                System.currentTimeMillis(), 3, new float[384])));
        index.refresh();

        AdminRun found = verify(tenant.id());
        assertThat(found.exitCode()).as(found.toString()).isEqualTo(1);
        assertThat(found.out()).contains("drift    MISSING  " + tenant.id() + "/ida/" + ids.get(0) + ": durable v1, not in the index")
                .contains("drift    STALE    " + tenant.id() + "/ida/" + ids.get(1) + ": durable v5, index v1")
                .contains("drift    ORPHAN   " + tenant.id() + "/ida/ghost-memory: index v3, no durable row")
                .contains("compared 5 item(s), 3 difference(s) {MISSING=1, ORPHAN=1, STALE=1}");

        AdminRun repaired = verify(tenant.id(), "--repair", "--json");
        assertThat(repaired.exitCode()).as(repaired.toString()).isZero();
        var result = repaired.json().get("checks").get("index-vs-durable " + api.baseUrl());
        assertThat(result.get("repaired").asLong()).isEqualTo(3);
        assertThat(result.get("listed")).allSatisfy(drift -> assertThat(drift.get("repaired").asBoolean()).isTrue());
        assertThat(index.contains(ids.get(0))).isTrue();
        assertThat(index.contains("ghost-memory")).isFalse();
        assertThat(index.entries(List.of(ids.get(1))).get(ids.get(1)).version()).isEqualTo(5);

        AdminRun after = verify(tenant.id());
        assertThat(after.exitCode()).as(after.toString()).isZero();
        assertThat(after.out()).contains("compared 4 item(s), 0 difference(s)");
    }

    @Test
    void withoutATenantEveryTenantIsCheckedIncludingOnesOnlyTheIndexStillHolds() {
        MemoryIndex index = server.bean(MemoryIndex.class);
        String goneTenant = "gone-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        index.upsert(List.of(new IndexedMemory("ghost-of-a-deleted-tenant", goneTenant, "gus", null, "A ghost", List.of(), List.of(),
                Map.of(), System.currentTimeMillis(), 2, new float[384])));
        index.refresh();
        assertThat(index.tenants()).contains(goneTenant);

        List<String> all = List.of("verify-consistency", "--server", server.client().baseUrl(), "-Dstrata.admin.token=" + TestServer.ADMIN_TOKEN);
        AdminRun found = AdminRun.run("postgres", false, all.toArray(String[]::new));
        assertThat(found.exitCode()).as(found.toString()).isEqualTo(1);
        assertThat(found.out()).contains("drift    ORPHAN   " + goneTenant + "/gus/ghost-of-a-deleted-tenant: index v2, no durable row");
        List<String> repair = new ArrayList<>(all);
        repair.add("--repair");
        AdminRun repaired = AdminRun.run("postgres", false, repair.toArray(String[]::new));
        assertThat(repaired.exitCode()).as(repaired.toString()).isZero();
        assertThat(index.contains("ghost-of-a-deleted-tenant")).isFalse();
    }

    @Test
    void theServerNeedsTheAdminTokenAndRefusesBadParameters() {
        AdminRun noToken = AdminRun.run("postgres", false, "verify-consistency", "--server", server.client().baseUrl());
        assertThat(noToken.exitCode()).isEqualTo(2);
        assertThat(noToken.err()).contains("--server needs the servers' admin token");
        AdminRun wrong = AdminRun.run("postgres", false, "verify-consistency", "--server", server.client().baseUrl(),
                "-Dstrata.admin.token=not-the-admin-token");
        assertThat(wrong.exitCode()).isEqualTo(3);
        assertThat(wrong.err()).contains("refused the admin token").doesNotContain("not-the-admin-token");
        ApiClient api = server.client();
        assertThat(api.admin("POST", "/v1/admin/memory-index/verify?repair=maybe", null).status()).isEqualTo(400);
        assertThat(api.admin("POST", "/v1/admin/memory-index/verify?limit=-1", null).status()).isEqualTo(400);
        assertThat(api.admin("POST", "/v1/admin/memory-index/verify?tenant=NOT%20A%20TENANT", null).status()).isEqualTo(400);
        assertThat(api.admin("POST", "/v1/admin/memory-index/verify?what=1", null).status()).isEqualTo(400);
        assertThat(api.send("POST", "/v1/admin/memory-index/verify", null, null).status()).isEqualTo(401);
    }
}

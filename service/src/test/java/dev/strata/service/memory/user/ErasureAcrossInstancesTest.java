package dev.strata.service.memory.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.service.memory.index.MemoryIndex;
import dev.strata.service.memory.session.SessionCache;
import dev.strata.service.support.ApiClient;
import dev.strata.service.support.ApiClient.Tenant;
import dev.strata.service.support.TestServer;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An erasure on one instance reaches the other instances' in-process copies, not only their search
 * results: the erased user's cached session leaves their session cache and the erased text leaves
 * their index files (erasure notices); a deleted tenant's cached sessions go too.
 */
class ErasureAcrossInstancesTest {

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

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as(what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** A session and a memory carrying a marker word, read on B so that B holds both in process. */
    private static String populateAndReadOnB(Tenant tenant, String user, String session) throws InterruptedException {
        String marker = "zq" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(a.client().as(tenant, "POST", "/v1/sessions/" + session + "/messages", "{\"userId\":\"" + user
                + "\",\"role\":\"user\",\"content\":\"My locker code is " + marker + "\"}").status()).isEqualTo(201);
        assertThat(a.client().as(tenant, "POST", "/v1/memories", "{\"userId\":\"" + user + "\",\"text\":\"The locker code is " + marker + "\"}")
                .status()).isEqualTo(201);
        assertThat(b.client().as(tenant, "GET", "/v1/sessions/" + session + "/messages", null).body()).contains(marker);
        assertThat(b.bean(SessionCache.class).hotHolds(tenant.id(), session)).as("B caches the session").isTrue();
        MemoryIndex onB = b.bean(MemoryIndex.class);
        await("the memory reaches B's index", () -> onB.textTermDocuments(marker) > 0);
        return marker;
    }

    @Test
    void anErasureOnOneInstanceClearsTheOthersCachedSessionsAndIndexFiles() throws InterruptedException {
        Tenant tenant = a.client().newTenant();
        String marker = populateAndReadOnB(tenant, "erin", "locker-chat");
        populateAndReadOnB(tenant, "bystander", "other-chat");

        assertThat(a.client().as(tenant, "DELETE", "/v1/users/erin", null).status()).isEqualTo(200);

        SessionCache sessionsOnB = b.bean(SessionCache.class);
        await("B drops its cached copy of the erased user's session", () -> !sessionsOnB.hotHolds(tenant.id(), "locker-chat"));
        MemoryIndex onB = b.bean(MemoryIndex.class);
        await("B rewrites its index files without the erased text", () -> onB.textTermDocuments(marker) == 0);
        assertThat(sessionsOnB.hotHolds(tenant.id(), "other-chat")).as("another user's session stays cached").isTrue();
    }

    @Test
    void aDeletedTenantsCachedSessionsLeaveEveryInstance() throws InterruptedException {
        Tenant tenant = a.client().newTenant();
        populateAndReadOnB(tenant, "tess", "tenant-chat");
        assertThat(a.client().admin("DELETE", "/v1/admin/tenants/" + tenant.id(), null).status()).isEqualTo(200);
        SessionCache sessionsOnB = b.bean(SessionCache.class);
        await("B drops the deleted tenant's cached session", () -> !sessionsOnB.hotHolds(tenant.id(), "tenant-chat"));
    }
}

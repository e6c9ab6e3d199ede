package dev.strata.service.flags;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.service.admin.AdminRun;
import dev.strata.service.support.ApiClient;
import dev.strata.service.support.TestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Per-tenant feature switches against the real semantic-memory endpoints: the admin API and the CLI
 * change them at runtime; a switched-off feature answers exactly as a path the server does not serve
 * at all; switched back on, everything stored before is still there.
 */
class FeatureFlagTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.withoutRedis(Map.of("strata.features.cache-ttl-ms", "500"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The answer for the same request to a path nothing serves, with that path's name swapped back. */
    private static ApiClient.Response unknownPathAnswer(ApiClient.Tenant tenant, String method, String path, String body) {
        String unknown = path.replaceFirst("^/v1/[a-z]+", "/v1/nothing-here");
        ApiClient.Response answer = server.client().as(tenant, method, unknown, body);
        String feature = path.replaceFirst("^/v1/([a-z]+).*", "$1");
        return new ApiClient.Response(answer.status(), answer.headers(), answer.body().replace("nothing-here", feature));
    }

    @Test
    void switchedOffFeaturesLookAbsentAndTheirDataSurvives() {
        ApiClient api = server.client();
        ApiClient.Tenant tenant = api.newTenant();
        ApiClient.Tenant other = api.newTenant();
        assertThat(api.as(tenant, "POST", "/v1/sessions/s1/messages",
                "{\"userId\":\"u1\",\"role\":\"user\",\"content\":\"I drink green tea every morning.\"}").status()).isEqualTo(201);
        ApiClient.Response stored = api.as(tenant, "POST", "/v1/memories", "{\"userId\":\"u1\",\"text\":\"Prefers green tea\"}");
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        String memoryId = stored.json().get("memory").get("id").asText();

        ApiClient.Response off = api.admin("PUT", "/v1/admin/tenants/" + tenant.id() + "/flags",
                "{\"sessions\": false, \"long-term-memory\": false}");
        assertThat(off.status()).isEqualTo(200);
        assertThat(off.json().get("flags").get("sessions").asBoolean()).isFalse();
        assertThat(off.json().get("explicit").get("long-term-memory").asBoolean()).isFalse();

        String[][] calls = {
            {"GET", "/v1/sessions/s1/messages?userId=u1", null},
            {"POST", "/v1/sessions/s1/messages", "{\"userId\":\"u1\",\"role\":\"user\",\"content\":\"x\"}"},
            {"GET", "/v1/memories/" + memoryId, null},
            {"POST", "/v1/memories/search", "{\"userId\":\"u1\",\"query\":\"tea\"}"},
            {"GET", "/v1/entities?userId=u1&name=tea", null},
            {"GET", "/v1/relations?userId=u1", null},
            {"GET", "/v1/users/u1/summary", null},
            {"DELETE", "/v1/users/u1", null},
        };
        for (String[] call : calls) {
            ApiClient.Response hidden = api.as(tenant, call[0], call[1], call[2]);
            ApiClient.Response absent = unknownPathAnswer(tenant, call[0], call[1], call[2]);
            assertThat(absent.status()).isEqualTo(404);
            assertThat(hidden.status()).as(call[0] + " " + call[1]).isEqualTo(404);
            assertThat(hidden.header("Content-Type")).isEqualTo(absent.header("Content-Type"));
            assertThat(hidden.body()).as(call[0] + " " + call[1]).isEqualTo(absent.body());
        }
        // Another tenant and the key/value API are untouched.
        assertThat(api.as(other, "GET", "/v1/users/u1/summary", null).status()).isEqualTo(200);
        assertThat(api.as(tenant, "PUT", "/v1/kv/ns/k", "1").status()).isEqualTo(200);

        ApiClient.Response back = api.admin("PUT", "/v1/admin/tenants/" + tenant.id() + "/flags",
                "{\"sessions\": null, \"long-term-memory\": true}");
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.json().get("explicit").has("sessions")).as("null returns to the default").isFalse();
        ApiClient.Response memory = api.as(tenant, "GET", "/v1/memories/" + memoryId, null);
        assertThat(memory.status()).isEqualTo(200);
        assertThat(memory.body()).as("the hidden DELETE erased nothing").contains("\"text\":\"Prefers green tea\"");
        ApiClient.Response window = api.as(tenant, "GET", "/v1/sessions/s1/messages?userId=u1", null);
        assertThat(window.status()).isEqualTo(200);
        assertThat(window.body()).contains("green tea every morning");
    }

    @Test
    void changeMadeWithTheCliReachesARunningInstanceWithinTheCacheTtl() throws Exception {
        ApiClient api = server.client();
        ApiClient.Tenant tenant = api.newTenant();
        assertThat(api.as(tenant, "GET", "/v1/users/u1/summary", null).status()).isEqualTo(200);

        AdminRun run = AdminRun.run("postgres", false, "flags", tenant.id(), "--set", "long-term-memory=off");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("long-term-memory   off (set for this tenant)");

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        ApiClient.Response answer = api.as(tenant, "GET", "/v1/users/u1/summary", null);
        while (answer.status() == 200 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            answer = api.as(tenant, "GET", "/v1/users/u1/summary", null);
        }
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).contains("No static resource v1/users/u1/summary");
        assertThat(server.bean(FeatureFlags.class).isEnabled(tenant.id(), Feature.LONG_TERM_MEMORY)).isFalse();
        assertThat(server.bean(FeatureFlags.class).isEnabled(tenant.id(), Feature.LEARNED_PLACEMENT)).isTrue();
    }

    @Test
    void badFlagRequestsAreClearProblems() {
        ApiClient api = server.client();
        ApiClient.Tenant tenant = api.newTenant();
        ApiClient.Response unknown = api.admin("PUT", "/v1/admin/tenants/" + tenant.id() + "/flags", "{\"teleport\": true}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(unknown.json().get("detail").asText()).contains("Unknown feature 'teleport'").contains("sessions, long-term-memory");
        assertThat(api.admin("PUT", "/v1/admin/tenants/" + tenant.id() + "/flags", "{\"sessions\": \"yes\"}").status()).isEqualTo(400);
        assertThat(api.admin("PUT", "/v1/admin/tenants/" + tenant.id() + "/flags", "{}").status()).isEqualTo(400);
        assertThat(api.admin("GET", "/v1/admin/tenants/no-such-tenant/flags", null).status()).isEqualTo(404);
        assertThat(api.as(tenant, "GET", "/v1/admin/tenants/" + tenant.id() + "/flags", null).status())
                .as("a tenant key cannot read flags").isEqualTo(401);

        AdminRun cli = AdminRun.run("postgres", false, "flags", tenant.id(), "--set", "teleport=on");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("Unknown feature 'teleport'");
        AdminRun noTenant = AdminRun.run("postgres", false, "flags", "no-such-tenant");
        assertThat(noTenant.exitCode()).isEqualTo(5);
    }
}

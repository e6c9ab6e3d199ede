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
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Per-tenant feature switches: the admin API and CLI change them at runtime; a switched-off feature's
 * paths answer exactly like the plain key/value server (which has no such endpoints), and switching
 * back on restores them. The gated endpoints here are stand-ins registered by the test, so the gate
 * is tested without the semantic-memory code.
 */
class FeatureFlagTest {

    /** Stand-ins for the semantic endpoints; a plain class (not scanned), passed as an extra source. */
    static class StandInEndpoints {
        @Bean
        RouterFunction<ServerResponse> standIns() {
            return RouterFunctions.route()
                    .GET("/v1/sessions/{id}", request -> ServerResponse.ok().body(Map.of("session", request.pathVariable("id"))))
                    .POST("/v1/memories", request -> ServerResponse.ok().body(Map.of("stored", true)))
                    .GET("/v1/users/{id}/memories", request -> ServerResponse.ok().body(Map.of("user", request.pathVariable("id"))))
                    .build();
        }
    }

    private static TestServer gated;
    private static TestServer plain;

    @BeforeAll
    static void start() {
        gated = TestServer.withExtraSources(Map.of("strata.features.cache-ttl-ms", "500"), StandInEndpoints.class);
        plain = TestServer.withoutRedis(Map.of("strata.features.cache-ttl-ms", "500"));
    }

    @AfterAll
    static void stop() {
        gated.close();
        plain.close();
    }

    @Test
    void switchedOffFeatureAnswersLikeThePlainServerAndComesBack() throws Exception {
        ApiClient api = gated.client();
        ApiClient.Tenant tenant = api.newTenant();
        ApiClient.Tenant other = api.newTenant();
        assertThat(api.as(tenant, "GET", "/v1/sessions/s1", null).status()).isEqualTo(200);
        assertThat(api.as(tenant, "POST", "/v1/memories", "{}").status()).isEqualTo(200);

        ApiClient.Response off = api.admin("PUT", "/v1/admin/tenants/" + tenant.id() + "/flags",
                "{\"sessions\": false, \"long-term-memory\": false}");
        assertThat(off.status()).isEqualTo(200);
        assertThat(off.json().get("flags").get("sessions").asBoolean()).isFalse();
        assertThat(off.json().get("explicit").get("long-term-memory").asBoolean()).isFalse();

        for (String[] call : new String[][] {{"GET", "/v1/sessions/s1"}, {"POST", "/v1/memories"}, {"GET", "/v1/users/u1/memories"}}) {
            ApiClient.Response hidden = api.as(tenant, call[0], call[1], call[0].equals("POST") ? "{}" : null);
            ApiClient.Response unknown = plain.client().as(tenant, call[0], call[1], call[0].equals("POST") ? "{}" : null);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(hidden.status()).as(call[1]).isEqualTo(404);
            assertThat(hidden.header("Content-Type")).isEqualTo(unknown.header("Content-Type"));
            assertThat(hidden.body()).as(call[1]).isEqualTo(unknown.body());
        }
        // Another tenant and the key/value API are untouched.
        assertThat(api.as(other, "GET", "/v1/sessions/s1", null).status()).isEqualTo(200);
        assertThat(api.as(tenant, "PUT", "/v1/kv/ns/k", "1").status()).isEqualTo(200);

        ApiClient.Response back = api.admin("PUT", "/v1/admin/tenants/" + tenant.id() + "/flags", "{\"sessions\": null, \"long-term-memory\": true}");
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.json().get("explicit").has("sessions")).as("null returns to the default").isFalse();
        assertThat(api.as(tenant, "GET", "/v1/sessions/s1", null).status()).isEqualTo(200);
        assertThat(api.as(tenant, "GET", "/v1/users/u1/memories", null).status()).isEqualTo(200);
    }

    @Test
    void changeMadeWithTheCliReachesARunningInstanceWithinTheCacheTtl() throws Exception {
        ApiClient api = gated.client();
        ApiClient.Tenant tenant = api.newTenant();
        assertThat(api.as(tenant, "GET", "/v1/sessions/s1", null).status()).isEqualTo(200);

        AdminRun run = AdminRun.run("postgres", false, "flags", tenant.id(), "--set", "sessions=off");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("sessions           off (set for this tenant)");

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int status = 200;
        while (status == 200 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            status = api.as(tenant, "GET", "/v1/sessions/s1", null).status();
        }
        assertThat(status).isEqualTo(404);
        assertThat(gated.bean(FeatureFlags.class).isEnabled(tenant.id(), Feature.SESSIONS)).isFalse();
        assertThat(gated.bean(FeatureFlags.class).isEnabled(tenant.id(), Feature.LEARNED_PLACEMENT)).isTrue();
    }

    @Test
    void badFlagRequestsAreClearProblems() {
        ApiClient api = gated.client();
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

package dev.strata.service.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.service.support.ApiClient;
import dev.strata.service.support.ApiClient.Response;
import dev.strata.service.support.ApiClient.Tenant;
import dev.strata.service.support.EmbeddedStores;
import dev.strata.service.support.SharedServer;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tenant keys never work on the admin API, and revoked keys stop working within the documented bound. */
class TenantAdminBoundaryTest {

    private static ApiClient api;
    private static Tenant tenant;

    @BeforeAll
    static void createTenant() {
        api = SharedServer.get().client();
        tenant = api.newTenant();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET,    /v1/admin/tenants,",
            "POST,   /v1/admin/tenants,                        '{\"id\":\"made-by-a-tenant\"}'",
            "GET,    /v1/admin/tenants/{self},",
            "DELETE, /v1/admin/tenants/{self},",
            "POST,   /v1/admin/tenants/{self}/keys,            '{\"name\":\"extra\"}'",
            "GET,    /v1/admin/tenants/{self}/keys,",
            "DELETE, /v1/admin/tenants/{self}/keys/0123456789abcdef,",
            "GET,    /v1/admin,",
    })
    void tenantKeysGet401OnEveryAdminEndpoint(String method, String path, String body) {
        Response response = api.as(tenant, method, path.replace("{self}", tenant.id()), body);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("type").asText()).isEqualTo("https://strata.dev/problems/unauthorized");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        // Nothing happened: the tenant is still there with its one key, and no tenant was created.
        assertThat(api.admin("GET", "/v1/admin/tenants/" + tenant.id(), null).status()).isEqualTo(200);
        assertThat(api.admin("GET", "/v1/admin/tenants/" + tenant.id() + "/keys", null).json().get("keys")).hasSize(1);
        assertThat(EmbeddedStores.queryLong("SELECT count(*) FROM tenants WHERE id = 'made-by-a-tenant'")).isZero();
        assertThat(api.as(tenant, "GET", "/v1/kv/ns", null).status()).isEqualTo(200);
    }

    /** Regression: the filter judged the raw URI while Spring MVC routes the decoded one, so these reached the admin API. */
    @ParameterizedTest
    @CsvSource({"/v1/%61dmin/tenants", "/v1/admin;x=1/tenants", "/v1;x=1/admin/tenants", "/%761/admin/tenants", "/v1//admin/tenants"})
    void disguisedAdminPathsStillNeedTheAdminToken(String path) {
        Response withTenantKey = api.as(tenant, "GET", path, null);
        assertThat(withTenantKey.status()).isEqualTo(401);
        assertThat(withTenantKey.body()).doesNotContain(tenant.id());
        assertThat(api.send("GET", path, null, null).status()).isEqualTo(401);
    }

    @Test
    void aKeyRevokedThroughThisInstanceFailsAtOnce() {
        Response issued = api.admin("POST", "/v1/admin/tenants/" + tenant.id() + "/keys", "{\"name\":\"short-lived\"}");
        Tenant second = new Tenant(tenant.id(), issued.json().get("key").asText());
        assertThat(api.as(second, "GET", "/v1/kv/ns", null).status()).isEqualTo(200);

        assertThat(api.admin("DELETE", "/v1/admin/tenants/" + tenant.id() + "/keys/" + issued.json().get("id").asText(), null).status())
                .isEqualTo(204);

        assertThat(api.as(second, "GET", "/v1/kv/ns", null).status()).isEqualTo(401);
        assertThat(api.as(tenant, "GET", "/v1/kv/ns", null).status()).as("the tenant's other key still works").isEqualTo(200);
    }

    @Test
    void aKeyRevokedElsewhereFailsWithinTheCacheBound() throws InterruptedException {
        Response issued = api.admin("POST", "/v1/admin/tenants/" + tenant.id() + "/keys", "{\"name\":\"revoked-elsewhere\"}");
        Tenant second = new Tenant(tenant.id(), issued.json().get("key").asText());
        assertThat(api.as(second, "GET", "/v1/kv/ns", null).status()).isEqualTo(200);

        // Another instance revoking the key writes only PostgreSQL; this instance learns it when its cache entry expires.
        assertThat(EmbeddedStores.update("UPDATE api_keys SET revoked_at = now() WHERE id = ?", issued.json().get("id").asText()))
                .isEqualTo(1);
        long revokedAt = System.nanoTime();
        Duration bound = Authenticator.CACHE_TTL.plusSeconds(1);
        int status;
        do {
            status = api.as(second, "GET", "/v1/kv/ns", null).status();
            if (status != 401) {
                Thread.sleep(100);
            }
        } while (status != 401 && System.nanoTime() - revokedAt < bound.toNanos());
        Duration took = Duration.ofNanos(System.nanoTime() - revokedAt);
        assertThat(status).as("401 within %s (took %s)", bound, took).isEqualTo(401);
        assertThat(api.as(tenant, "GET", "/v1/kv/ns", null).status()).isEqualTo(200);
    }
}

package dev.strata.service.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.service.support.ApiClient;
import dev.strata.service.support.ApiClient.Response;
import dev.strata.service.support.ApiClient.Tenant;
import dev.strata.service.support.SharedServer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin API: tenants and keys. */
class AdminApiTest {

    private static ApiClient api;

    @BeforeAll
    static void startServer() {
        api = SharedServer.get().client();
    }

    @Test
    void aKeyWithAnEndOfValidityWorksUntilThenAndIsRefusedAfterwardsEvenFromTheCache() throws InterruptedException {
        String id = "exp-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.admin("POST", "/v1/admin/tenants", "{\"id\":\"" + id + "\"}").status()).isEqualTo(201);
        String expiresAt = java.time.Instant.now().plusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
        Response issued = api.admin("POST", "/v1/admin/tenants/" + id + "/keys", "{\"name\":\"short\",\"expiresAt\":\"" + expiresAt + "\"}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        assertThat(java.time.Instant.parse(issued.json().get("expiresAt").asText())).isEqualTo(java.time.Instant.parse(expiresAt));
        Tenant tenant = new Tenant(id, issued.json().get("key").asText());
        assertThat(api.as(tenant, "PUT", "/v1/kv/ns/k", "1").status()).isEqualTo(200);
        assertThat(api.as(tenant, "GET", "/v1/kv/ns/k", null).status()).as("cached as valid").isEqualTo(200);
        JsonNode listed = api.admin("GET", "/v1/admin/tenants/" + id + "/keys", null).json().get("keys").get(0);
        assertThat(listed.get("expiresAt").isNull()).isFalse();

        Thread.sleep(java.time.Duration.between(java.time.Instant.now(), java.time.Instant.parse(expiresAt)).toMillis() + 100);
        Response refused = api.as(tenant, "GET", "/v1/kv/ns/k", null);
        assertThat(refused.status()).as("expired, though the lookup is still cached").isEqualTo(401);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");

        for (String bad : new String[] {"\"tomorrow\"", "\"2020-01-01T00:00:00Z\"", "\"2999-01-01T00:00:00Z\"", "17"}) {
            Response badExpiry = api.admin("POST", "/v1/admin/tenants/" + id + "/keys", "{\"name\":\"x\",\"expiresAt\":" + bad + "}");
            assertThat(badExpiry.status()).as(bad).isEqualTo(400);
            assertThat(badExpiry.body()).as(bad).contains("expiresAt");
        }
        Response forever = api.admin("POST", "/v1/admin/tenants/" + id + "/keys", "{\"name\":\"forever\"}");
        assertThat(forever.json().has("expiresAt")).isFalse();
    }

    @Test
    void tenantsCanBeCreatedListedShownAndRefusedTwice() {
        String id = "adm-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = api.admin("POST", "/v1/admin/tenants", "{\"id\":\"" + id + "\",\"name\":\"Admin Test\",\"rateLimitPerSecond\":50}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("rateLimitPerSecond").asInt()).isEqualTo(50);
        assertThat(api.admin("POST", "/v1/admin/tenants", "{\"id\":\"" + id + "\"}").status()).isEqualTo(409);
        Response shown = api.admin("GET", "/v1/admin/tenants/" + id, null);
        assertThat(shown.json().get("name").asText()).isEqualTo("Admin Test");
        List<String> ids = new ArrayList<>();
        api.admin("GET", "/v1/admin/tenants", null).json().get("tenants").forEach(t -> ids.add(t.get("id").asText()));
        assertThat(ids).contains(id);
        assertThat(api.admin("GET", "/v1/admin/tenants/no-such-tenant", null).status()).isEqualTo(404);
    }

    @Test
    void keysAreShownOnceListedWithoutSecretsAndRevocable() throws InterruptedException {
        Tenant tenant = api.newTenant();
        Response second = api.admin("POST", "/v1/admin/tenants/" + tenant.id() + "/keys", "{\"name\":\"second\"}");
        String secondKey = second.json().get("key").asText();
        String secondId = second.json().get("id").asText();
        assertThat(secondKey).startsWith("sk_" + secondId + "_");

        Response listed = api.admin("GET", "/v1/admin/tenants/" + tenant.id() + "/keys", null);
        JsonNode keys = listed.json().get("keys");
        assertThat(keys).hasSize(2);
        assertThat(listed.body()).doesNotContain(secondKey).doesNotContain(tenant.apiKey());

        Tenant viaSecond = new Tenant(tenant.id(), secondKey);
        assertThat(api.as(viaSecond, "PUT", "/v1/kv/ns/k", "1").status()).isEqualTo(200);
        assertThat(api.admin("DELETE", "/v1/admin/tenants/" + tenant.id() + "/keys/" + secondId, null).status()).isEqualTo(204);
        // Revocation is immediate on the instance that revoked it.
        assertThat(api.as(viaSecond, "GET", "/v1/kv/ns/k", null).status()).isEqualTo(401);
        assertThat(api.as(tenant, "GET", "/v1/kv/ns/k", null).status()).isEqualTo(200);
        assertThat(api.admin("DELETE", "/v1/admin/tenants/" + tenant.id() + "/keys/" + secondId, null).status()).isEqualTo(404);
        assertThat(api.admin("GET", "/v1/admin/tenants/" + tenant.id() + "/keys", null).json().get("keys").get(1).has("revokedAt")).isTrue();
    }

    @Test
    void deletingATenantReturnsAReceiptAndLocksOutItsKeys() {
        Tenant tenant = api.newTenant();
        for (int i = 0; i < 5; i++) {
            api.as(tenant, "PUT", "/v1/kv/ns/k" + i, Integer.toString(i));
        }
        Response receipt = api.admin("DELETE", "/v1/admin/tenants/" + tenant.id(), null);
        assertThat(receipt.status()).isEqualTo(200);
        assertThat(receipt.json().get("removed").get("durableItems").asLong()).isEqualTo(5);
        assertThat(receipt.json().get("removed").get("warmKeys").asLong()).isEqualTo(5);
        assertThat(receipt.json().get("removed").get("hotEntries").asLong()).isEqualTo(5);
        assertThat(api.as(tenant, "GET", "/v1/kv/ns/k1", null).status()).isEqualTo(401);
        assertThat(api.admin("DELETE", "/v1/admin/tenants/" + tenant.id(), null).status()).isEqualTo(404);
    }

    @Test
    void theAdminApiNeedsTheAdminToken() {
        assertThat(api.send("GET", "/v1/admin/tenants", null, null).status()).isEqualTo(401);
        assertThat(api.send("GET", "/v1/admin/tenants", "Bearer wrong", null).status()).isEqualTo(401);
        Tenant tenant = api.newTenant();
        assertThat(api.send("GET", "/v1/admin/tenants", "Bearer " + tenant.apiKey(), null).status()).isEqualTo(401);
    }
}

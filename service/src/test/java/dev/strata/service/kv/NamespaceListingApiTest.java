package dev.strata.service.kv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.service.support.ApiClient;
import dev.strata.service.support.ApiClient.Response;
import dev.strata.service.support.ApiClient.Tenant;
import dev.strata.service.support.SharedServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /v1/kv: the tenant's namespaces, paged, isolated from other tenants, live items only. */
class NamespaceListingApiTest {

    private static ApiClient api;

    @BeforeAll
    static void startServer() {
        api = SharedServer.get().client();
    }

    @Test
    void listsEachNamespaceOnceInOrderAcrossPages() {
        Tenant tenant = api.newTenant();
        for (String ns : List.of("beta", "alpha", "gamma", "delta", "Zeta")) {
            api.as(tenant, "PUT", "/v1/kv/" + ns + "/k1", "1");
            api.as(tenant, "PUT", "/v1/kv/" + ns + "/k2", "2");
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = api.as(tenant, "GET", "/v1/kv?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), null);
            assertThat(page.status()).isEqualTo(200);
            page.json().get("namespaces").forEach(n -> seen.add(n.get("name").asText()));
            JsonNode next = page.json().get("nextCursor");
            cursor = next == null ? null : next.asText();
            pages++;
        } while (cursor != null);
        // Bytewise (COLLATE "C") order: upper case first.
        assertThat(seen).containsExactly("Zeta", "alpha", "beta", "delta", "gamma");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void showsOnlyTheCallersNamespacesWithLiveItems() {
        Tenant mine = api.newTenant();
        Tenant other = api.newTenant();
        api.as(other, "PUT", "/v1/kv/secret-ns/k", "1");
        api.as(mine, "PUT", "/v1/kv/kept/k", "1");
        api.as(mine, "PUT", "/v1/kv/emptied/k", "1");
        api.as(mine, "DELETE", "/v1/kv/emptied/k", null);
        Response list = api.as(mine, "GET", "/v1/kv", null);
        assertThat(list.json().get("namespaces").toString()).isEqualTo("[{\"name\":\"kept\"}]");
        assertThat(list.json().has("nextCursor")).isFalse();
        assertThat(api.as(api.newTenant(), "GET", "/v1/kv", null).json().get("namespaces").size()).isZero();
    }

    @Test
    void badParametersAreProblemsNotErrors() {
        Tenant tenant = api.newTenant();
        for (String query : List.of("?limit=0", "?limit=x", "?cursor=!!!", "?cursor=Lw", "?prefix=a")) {
            Response response = api.as(tenant, "GET", "/v1/kv" + query, null);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.header("Content-Type")).as(query).startsWith("application/problem+json");
        }
        assertThat(api.send("GET", "/v1/kv", null, null).status()).isEqualTo(401);
    }
}

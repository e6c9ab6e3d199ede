package dev.strata.service.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.service.kv.ItemKey;
import dev.strata.service.support.ApiClient;
import dev.strata.service.support.ApiClient.Response;
import dev.strata.service.support.ApiClient.Tenant;
import dev.strata.service.support.EmbeddedStores;
import dev.strata.service.support.SharedServer;
import dev.strata.service.tier.hot.HotTier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deleting a tenant empties PostgreSQL, Redis and the hot tier of it, and the receipt says how much went. */
class TenantDeletionTest {

    @Test
    void deletionRemovesTheTenantFromEveryStoreAndCountsWhatWent() {
        ApiClient api = SharedServer.get().client();
        HotTier hot = SharedServer.get().bean(HotTier.class);
        Tenant doomed = api.newTenant();
        Tenant bystander = api.newTenant();
        List<ItemKey> written = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            written.add(put(api, doomed, "docs", "doc-" + i, ""));
        }
        for (int i = 0; i < 3; i++) {
            written.add(put(api, doomed, "cache", "entry-" + i, "?ttl=600"));
        }
        written.add(put(api, doomed, "sessions", "s-1", "?tier=ephemeral&ttl=600"));
        put(api, bystander, "docs", "doc-0", "");
        // Semantic memory of the doomed tenant: two memories, a session with two messages, two entities, a relation.
        assertThat(api.as(doomed, "POST", "/v1/memories", "{\"memories\":[{\"userId\":\"ada\",\"text\":\"Ada likes green tea\"},"
                + "{\"userId\":\"ada\",\"text\":\"Ada lives in Lisbon\"}]}").status()).isIn(200, 201);
        assertThat(api.as(doomed, "POST", "/v1/sessions/chat-1/messages", "{\"userId\":\"ada\",\"messages\":["
                + "{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":\"hello\"}]}").status()).isEqualTo(201);
        String ada = api.as(doomed, "POST", "/v1/entities", "{\"userId\":\"ada\",\"name\":\"Ada\",\"type\":\"person\"}")
                .json().get("entity").get("id").asText();
        String tea = api.as(doomed, "POST", "/v1/entities", "{\"userId\":\"ada\",\"name\":\"green tea\",\"type\":\"product\"}")
                .json().get("entity").get("id").asText();
        assertThat(api.as(doomed, "POST", "/v1/relations", "{\"userId\":\"ada\",\"sourceId\":\"" + ada
                + "\",\"relation\":\"likes\",\"targetId\":\"" + tea + "\"}").status()).isIn(200, 201);

        long durableBefore = EmbeddedStores.queryLong("SELECT count(*) FROM kv_items WHERE tenant_id = ?", doomed.id());
        int warmBefore = EmbeddedStores.redisKeys("strata:v1:" + doomed.id() + ":*").size();
        long hotBefore = written.stream().filter(key -> hot.get(key) != null).count();
        assertThat(durableBefore).as("durable items (the ephemeral one is not in PostgreSQL)").isEqualTo(8);
        assertThat(warmBefore).as("9 items and the cached window of session chat-1").isEqualTo(10);
        assertThat(hotBefore).isEqualTo(9);

        Response receipt = api.admin("DELETE", "/v1/admin/tenants/" + doomed.id(), null);

        assertThat(receipt.status()).isEqualTo(200);
        JsonNode removed = receipt.json().get("removed");
        assertThat(receipt.json().get("tenant").asText()).isEqualTo(doomed.id());
        assertThat(removed.get("durableItems").asLong()).isEqualTo(durableBefore);
        assertThat(removed.get("warmKeys").asLong()).isEqualTo(warmBefore);
        assertThat(removed.get("hotEntries").asLong()).isEqualTo(hotBefore);
        assertThat(removed.get("memories").asLong()).isEqualTo(2);
        assertThat(removed.get("memoryHistoryEntries").asLong()).isPositive();
        assertThat(removed.get("sessions").asLong()).isEqualTo(1);
        assertThat(removed.get("sessionMessages").asLong()).isEqualTo(2);
        assertThat(removed.get("entities").asLong()).isEqualTo(2);
        assertThat(removed.get("relations").asLong()).isEqualTo(1);
        for (String table : List.of("memories", "memory_sessions", "memory_session_messages", "memory_entities", "memory_relations")) {
            assertThat(EmbeddedStores.queryLong("SELECT count(*) FROM " + table + " WHERE tenant_id = ?", doomed.id()))
                    .as(table).isZero();
        }
        assertThat(receipt.json().get("warmTier").asText()).isEqualTo("cleared");

        assertThat(EmbeddedStores.queryLong("SELECT count(*) FROM kv_items WHERE tenant_id = ?", doomed.id())).isZero();
        assertThat(EmbeddedStores.queryLong("SELECT count(*) FROM api_keys WHERE tenant_id = ?", doomed.id())).isZero();
        assertThat(EmbeddedStores.queryLong("SELECT count(*) FROM tenants WHERE id = ?", doomed.id())).isZero();
        assertThat(EmbeddedStores.redisKeys("strata:v1:" + doomed.id() + ":*")).isEmpty();
        assertThat(written).allSatisfy(key -> assertThat(hot.get(key)).isNull());

        assertThat(api.as(doomed, "GET", "/v1/kv/docs/doc-0", null).status()).isEqualTo(401);
        assertThat(api.admin("GET", "/v1/admin/tenants/" + doomed.id(), null).status()).isEqualTo(404);
        assertThat(api.admin("DELETE", "/v1/admin/tenants/" + doomed.id(), null).status()).isEqualTo(404);
        assertThat(api.as(bystander, "GET", "/v1/kv/docs/doc-0", null).status()).as("other tenants keep their data").isEqualTo(200);
        assertThat(EmbeddedStores.redisKeys("strata:v1:" + bystander.id() + ":*")).hasSize(1);
    }

    private static ItemKey put(ApiClient api, Tenant tenant, String namespace, String key, String query) {
        Response response = api.as(tenant, "PUT", "/v1/kv/" + namespace + "/" + key + query, "{\"n\":\"" + key + "\"}");
        assertThat(response.status()).isEqualTo(200);
        return new ItemKey(tenant.id(), namespace, key);
    }
}

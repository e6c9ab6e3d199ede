package dev.strata.service.memory.session;

import static dev.strata.service.memory.longterm.MemoryApiTestSupport.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.service.support.ApiClient;
import dev.strata.service.support.ApiClient.Response;
import dev.strata.service.support.ApiClient.Tenant;
import dev.strata.service.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Session budgets per caller role: a small one for client keys, a large one for a key the administrator made 'admin'. */
class SessionBudgetTest {

    @Test
    void theKeysRoleSetsTheWindowBudgetAndTokensCanOnlyNarrowIt() {
        try (TestServer server = TestServer.withoutRedis(Map.of("strata.memory.role-window-tokens.client", "40",
                "strata.memory.role-window-tokens.admin", "3000"))) {
            ApiClient api = server.client();
            Tenant client = api.newTenant();
            Response issued = api.admin("POST", "/v1/admin/tenants/" + client.id() + "/keys", "{\"name\":\"console\"}");
            Tenant admin = new Tenant(client.id(), issued.json().get("key").asText());
            String keyId = issued.json().get("id").asText();
            assertThat(api.admin("GET", "/v1/admin/tenants/" + client.id() + "/keys/" + keyId + "/memory-role", null).json().get("role").asText())
                    .isEqualTo("client");
            Response set = api.admin("PUT", "/v1/admin/tenants/" + client.id() + "/keys/" + keyId + "/memory-role", "{\"role\":\"admin\"}");
            assertThat(set.status()).as(set.body()).isEqualTo(200);

            for (int i = 0; i < 10; i++) {
                api.as(client, "POST", "/v1/sessions/b1/messages", "{\"userId\":\"u\",\"role\":\"user\",\"content\":\"Message number " + i + " of ten.\"}");
            }
            JsonNode small = api.as(client, "GET", "/v1/sessions/b1/messages", null).json().get("window");
            assertThat(small.get("budgetTokens").asInt()).isEqualTo(40);
            assertThat(small.get("windowTokens").asInt()).isLessThanOrEqualTo(40);
            assertThat(small.get("omittedMessages").asInt()).isPositive();
            JsonNode large = api.as(admin, "GET", "/v1/sessions/b1/messages", null).json().get("window");
            assertThat(large.get("budgetTokens").asInt()).isEqualTo(3000);
            assertThat(large.get("messages")).hasSize(10);
            assertThat(api.as(client, "GET", "/v1/sessions/b1/messages?tokens=5000", null).json().get("window").get("budgetTokens").asInt())
                    .as("tokens never raises a role's budget").isEqualTo(40);

            assertProblem(api.as(client, "PUT", "/v1/admin/tenants/" + client.id() + "/keys/" + keyId + "/memory-role", "{\"role\":\"admin\"}"), 401, "unauthorized");
            assertProblem(api.admin("PUT", "/v1/admin/tenants/" + client.id() + "/keys/nokey/memory-role", "{\"role\":\"admin\"}"), 404, "not-found");
            assertProblem(api.admin("PUT", "/v1/admin/tenants/" + client.id() + "/keys/" + keyId + "/memory-role", "{\"role\":\"Root!\"}"), 400, "invalid-role");
        }
    }
}

package dev.strata.service.memory.graph;

import static dev.strata.service.memory.longterm.MemoryApiTestSupport.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.service.support.ApiClient;
import dev.strata.service.support.ApiClient.Response;
import dev.strata.service.support.ApiClient.Tenant;
import dev.strata.service.support.SharedServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Entities and relations: a per-user knowledge graph, searchable by name and by meaning. */
class GraphApiTest {

    private static ApiClient api;
    private Tenant tenant;

    @BeforeAll
    static void startServer() {
        api = SharedServer.get().client();
    }

    @BeforeEach
    void newTenant() {
        tenant = api.newTenant();
    }

    private String entity(String user, String name, String type, String description) {
        Response response = api.as(tenant, "POST", "/v1/entities", "{\"userId\":\"" + user + "\",\"name\":\"" + name + "\",\"type\":\"" + type
                + "\",\"description\":\"" + description + "\"}");
        assertThat(response.status()).as(response.body()).isIn(200, 201);
        return response.json().get("entity").get("id").asText();
    }

    @Test
    void entitiesAreFoundByNameAndByMeaningAndMergeByName() {
        String me = entity("ann", "Ann", "person", "the user");
        String espresso = entity("ann", "Lavazza Espresso", "product", "dark roast coffee beans");
        entity("ann", "Trek Domane", "product", "road bicycle");
        Response again = api.as(tenant, "POST", "/v1/entities", "{\"userId\":\"ann\",\"name\":\"lavazza espresso\",\"type\":\"product\",\"attributes\":{\"size\":\"1kg\"}}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("status").asText()).isEqualTo("merged");
        assertThat(again.json().get("entity").get("id").asText()).isEqualTo(espresso);
        assertThat(again.json().get("entity").get("description").asText()).isEqualTo("dark roast coffee beans");

        JsonNode byName = api.as(tenant, "GET", "/v1/entities?userId=ann&name=domane", null).json().get("entities");
        assertThat(byName).hasSize(1);
        assertThat(byName.get(0).get("entity").get("name").asText()).isEqualTo("Trek Domane");
        JsonNode byMeaning = api.as(tenant, "GET", "/v1/entities?userId=ann&query=morning%20caffeine%20drink&limit=1", null).json().get("entities");
        assertThat(byMeaning.get(0).get("entity").get("id").asText()).isEqualTo(espresso);
        assertThat(byMeaning.get(0).get("similarity").asDouble()).isPositive();

        Response relation = api.as(tenant, "POST", "/v1/relations", "{\"userId\":\"ann\",\"sourceId\":\"" + me + "\",\"relation\":\"prefers\",\"targetId\":\"" + espresso + "\"}");
        assertThat(relation.status()).as(relation.body()).isEqualTo(201);
        assertThat(relation.json().get("relation").get("sourceName").asText()).isEqualTo("Ann");
        assertThat(relation.json().get("relation").get("targetName").asText()).isEqualTo("Lavazza Espresso");
        assertThat(api.as(tenant, "POST", "/v1/relations", "{\"userId\":\"ann\",\"sourceId\":\"" + me + "\",\"relation\":\"prefers\",\"targetId\":\"" + espresso + "\"}")
                .json().get("status").asText()).isEqualTo("exists");
        assertThat(api.as(tenant, "GET", "/v1/relations?userId=ann&entityId=" + espresso, null).json().get("relations")).hasSize(1);
        assertThat(api.as(tenant, "GET", "/v1/entities/" + me, null).json().get("relations")).hasSize(1);

        assertThat(api.as(tenant, "DELETE", "/v1/entities/" + espresso, null).status()).isEqualTo(204);
        assertThat(api.as(tenant, "GET", "/v1/relations?userId=ann", null).json().get("relations")).isEmpty();
    }

    @Test
    void graphsAreIsolatedBetweenUsersAndTenants() {
        String mine = entity("bo", "Bo", "person", "");
        String theirs = entity("cy", "Secret Project", "project", "confidential");
        assertProblem(api.as(tenant, "POST", "/v1/relations", "{\"userId\":\"bo\",\"sourceId\":\"" + mine + "\",\"relation\":\"knows\",\"targetId\":\"" + theirs + "\"}"),
                422, "unknown-entity");
        assertThat(api.as(tenant, "GET", "/v1/entities?userId=bo&query=confidential%20project", null).json().get("entities"))
                .allSatisfy(e -> assertThat(e.get("entity").get("userId").asText()).isEqualTo("bo"));
        Tenant other = api.newTenant();
        assertThat(api.as(other, "GET", "/v1/entities/" + theirs, null).status()).isEqualTo(404);
        assertThat(api.as(other, "GET", "/v1/entities?userId=cy&name=secret", null).json().get("entities")).isEmpty();
        assertThat(api.as(other, "DELETE", "/v1/entities/" + theirs, null).status()).isEqualTo(404);
    }

    @Test
    void badInputGetsProblemBodies() {
        assertProblem(api.as(tenant, "POST", "/v1/entities", "{\"userId\":\"u\"}"), 400, "invalid-name");
        assertProblem(api.as(tenant, "GET", "/v1/entities?userId=u", null), 400, "invalid-search");
        assertProblem(api.as(tenant, "GET", "/v1/entities?userId=u&name=a&limit=0", null), 400, "invalid-limit");
        assertProblem(api.as(tenant, "POST", "/v1/relations", "{\"userId\":\"u\",\"sourceId\":\"a\",\"relation\":\"Has Spaces\",\"targetId\":\"b\"}"), 400, "invalid-relation");
        assertProblem(api.as(tenant, "DELETE", "/v1/relations/nope", null), 404, "not-found");
    }
}

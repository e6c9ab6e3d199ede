package dev.strata.service.memory.user;

import static dev.strata.service.memory.longterm.MemoryApiTestSupport.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.service.memory.index.IndexFilter;
import dev.strata.service.memory.index.MemoryIndex;
import dev.strata.service.memory.session.SessionCache;
import dev.strata.service.support.ApiClient;
import dev.strata.service.support.ApiClient.Response;
import dev.strata.service.support.ApiClient.Tenant;
import dev.strata.service.support.EmbeddedStores;
import dev.strata.service.support.SharedServer;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** Per-user calls: prompt context, summary, erasure with receipt, export and import. */
class UserApiTest {

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

    /** Gives the user a session, memories, entities and a relation; returns the marker word in all of them. */
    private String populate(String user) {
        String marker = "zq" + UUID.randomUUID().toString().substring(0, 8);
        api.as(tenant, "POST", "/v1/sessions/chat-" + user + "/messages", "{\"userId\":\"" + user + "\",\"messages\":["
                + "{\"role\":\"user\",\"content\":\"I am planning a hiking trip to the Dolomites next July " + marker + ".\"},"
                + "{\"role\":\"assistant\",\"content\":\"Great choice, the Alta Via 1 is beautiful in July.\"}]}");
        api.as(tenant, "POST", "/v1/memories", "{\"memories\":["
                + "{\"userId\":\"" + user + "\",\"text\":\"The user is afraid of heights " + marker + "\",\"topics\":[\"health\"],\"entities\":[\"heights\"]},"
                + "{\"userId\":\"" + user + "\",\"text\":\"The user owns Scarpa hiking boots, size 43\",\"topics\":[\"gear\"]},"
                + "{\"userId\":\"" + user + "\",\"text\":\"The user's sister lives in Munich\",\"topics\":[\"family\"]}]}");
        String me = api.as(tenant, "POST", "/v1/entities", "{\"userId\":\"" + user + "\",\"name\":\"" + user + "\",\"type\":\"person\"}")
                .json().get("entity").get("id").asText();
        String boots = api.as(tenant, "POST", "/v1/entities", "{\"userId\":\"" + user + "\",\"name\":\"Scarpa boots\",\"type\":\"product\","
                + "\"description\":\"hiking boots " + marker + "\"}").json().get("entity").get("id").asText();
        Response relation = api.as(tenant, "POST", "/v1/relations", "{\"userId\":\"" + user + "\",\"sourceId\":\"" + me
                + "\",\"relation\":\"owns\",\"targetId\":\"" + boots + "\"}");
        assertThat(relation.status()).as(relation.body()).isEqualTo(201);
        return marker;
    }

    @Test
    void contextAssemblesSessionMemoriesAndEntitiesWithinTheBudget() {
        populate("pia");
        String query = URLEncoder.encode("what hiking gear should I pack", StandardCharsets.UTF_8);
        Response response = api.as(tenant, "GET", "/v1/users/pia/context?query=" + query + "&tokens=300", null);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode context = response.json();
        assertThat(context.get("usedTokens").asInt()).isPositive().isLessThanOrEqualTo(300);
        assertThat(context.get("messages")).hasSize(2);
        assertThat(context.get("memories").toString()).contains("Scarpa hiking boots");
        assertThat(context.get("entities").toString()).contains("Scarpa boots");
        assertThat(context.get("relations").toString()).contains("pia owns Scarpa boots");
        assertThat(context.get("prompt").asText()).contains("Recent messages:", "Relevant memories:", "Dolomites");

        JsonNode tight = api.as(tenant, "GET", "/v1/users/pia/context?query=" + query + "&tokens=40", null).json();
        assertThat(tight.get("usedTokens").asInt()).isLessThanOrEqualTo(40);
        assertProblem(api.as(tenant, "GET", "/v1/users/pia/context?tokens=abc", null), 400, "invalid-tokens");
    }

    @Test
    void summaryCountsWhatIsStored() {
        populate("quinn");
        JsonNode summary = api.as(tenant, "GET", "/v1/users/quinn/summary", null).json();
        assertThat(summary.get("counts").get("memories").asInt()).isEqualTo(3);
        assertThat(summary.get("counts").get("sessions").asInt()).isEqualTo(1);
        assertThat(summary.get("counts").get("sessionMessages").asInt()).isEqualTo(2);
        assertThat(summary.get("counts").get("entities").asInt()).isEqualTo(2);
        assertThat(summary.get("counts").get("relations").asInt()).isEqualTo(1);
        assertThat(summary.get("topics").toString()).contains("health", "gear", "family");
        assertThat(summary.get("recentMemories")).hasSize(3);
        assertThat(summary.get("lastActivityAt").asText()).isNotEmpty();
    }

    @Test
    void eraseLeavesNothingAnywhereAndReturnsAReceipt() throws SQLException, InterruptedException {
        String user = "erase-" + UUID.randomUUID().toString().substring(0, 8);
        String marker = populate(user);
        populate("bystander");
        api.as(tenant, "PATCH", "/v1/memories/" + firstMemoryId(user), "{\"text\":\"The user dislikes heights " + marker + "\"}");
        assertThat(rowsMentioning(user)).isPositive();
        assertThat(rowsMentioning(marker)).isPositive();
        assertThat(SharedServer.get().bean(MemoryIndex.class).textTermDocuments(marker)).isPositive();
        String sessionKey = SessionCache.key(tenant.id(), "chat-" + user);
        assertThat(api.as(tenant, "GET", "/v1/sessions/chat-" + user + "/messages", null).header("X-Strata-Tier")).isEqualTo("hot");
        assertThat(EmbeddedStores.redisKeys(sessionKey)).as("the session is cached in Redis").hasSize(1);
        assertThat(redisValuesMentioning(marker)).isPositive();

        Response receipt = api.as(tenant, "DELETE", "/v1/users/" + user, null);
        assertThat(receipt.status()).as(receipt.body()).isEqualTo(200);
        JsonNode durable = receipt.json().get("tiers").get("durable");
        assertThat(durable.get("memories").asInt()).isEqualTo(3);
        assertThat(durable.get("memoryHistory").asInt()).isEqualTo(4);
        assertThat(durable.get("sessions").asInt()).isEqualTo(1);
        assertThat(durable.get("sessionMessages").asInt()).isEqualTo(2);
        assertThat(durable.get("entities").asInt()).isEqualTo(2);
        assertThat(durable.get("relations").asInt()).isEqualTo(1);
        assertThat(receipt.json().get("tiers").get("index").get("documents").asInt()).isEqualTo(3);
        receipt.json().get("remaining").forEach(count -> assertThat(count.asInt()).isZero());
        assertThat(receipt.json().get("tiers").get("warm").get("keys").asInt()).isEqualTo(1);
        assertThat(receipt.json().get("tiers").get("hot").get("entries").asInt()).isEqualTo(1);
        assertThat(EmbeddedStores.redisKeys(sessionKey)).as("the session's Redis key").isEmpty();
        assertThat(redisValuesMentioning(marker)).as("Redis values holding the user's words").isZero();
        assertThat(redisValuesMentioning(user)).as("Redis keys or values naming the user").isZero();
        assertThat(SharedServer.get().bean(SessionCache.class).hotHolds(tenant.id(), "chat-" + user)).isFalse();

        assertThat(rowsMentioning(user)).as("rows in any table naming the user").isZero();
        assertThat(rowsMentioning(marker)).as("rows in any table holding the user's words").isZero();
        MemoryIndex index = SharedServer.get().bean(MemoryIndex.class);
        assertThat(index.count(IndexFilter.owner(tenant.id(), user))).isZero();
        long deadline = System.currentTimeMillis() + 20_000;
        while (index.textTermDocuments(marker) > 0) {
            assertThat(System.currentTimeMillis()).as("erased text expunged from the index files").isLessThan(deadline);
            Thread.sleep(50);
        }
        String export = api.as(tenant, "GET", "/v1/users/" + user + "/export", null).body();
        assertThat(export.strip().lines()).hasSize(1);
        assertThat(api.as(tenant, "GET", "/v1/users/bystander/summary", null).json().get("counts").get("memories").asInt()).isEqualTo(3);
    }

    private String firstMemoryId(String user) {
        return api.as(tenant, "GET", "/v1/users/" + user + "/summary", null).json().get("recentMemories").get(2).get("id").asText();
    }

    /** Keys of the shared Redis whose name or value contains {@code needle}. */
    private static int redisValuesMentioning(String needle) {
        int found = 0;
        try (JedisPooled jedis = new JedisPooled(URI.create(EmbeddedStores.redisUrl()))) {
            for (String key : jedis.keys("*")) {
                byte[] value = "string".equals(jedis.type(key)) ? jedis.get(key.getBytes(StandardCharsets.UTF_8)) : null;
                if (key.contains(needle) || (value != null && new String(value, StandardCharsets.ISO_8859_1).contains(needle))) {
                    found++;
                }
            }
        }
        return found;
    }

    /** Rows of every table in the database whose text form contains {@code needle}. */
    private static int rowsMentioning(String needle) throws SQLException {
        int rows = 0;
        try (Connection connection = DriverManager.getConnection(EmbeddedStores.postgresUrl(), "postgres", "postgres")) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = connection.createStatement().executeQuery(
                    "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables "
                            + "WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                var statement = connection.prepareStatement("SELECT count(*) FROM " + table + " t WHERE t::text LIKE ?");
                statement.setString(1, "%" + needle + "%");
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    rows += rs.getInt(1);
                }
            }
        }
        return rows;
    }

    @Test
    void exportThenImportMovesAUserBetweenTenants() {
        populate("rosa");
        api.as(tenant, "POST", "/v1/memories", "{\"userId\":\"rosa\",\"text\":\"The user is afraid of heights, really\"}");
        Response export = api.as(tenant, "GET", "/v1/users/rosa/export", null);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("Content-Type")).startsWith("application/x-ndjson");
        List<String> lines = export.body().lines().toList();
        assertThat(lines.get(0)).contains("strata-user-export/1");
        assertThat(lines).hasSize(1 + 4 + 1 + 2 + 2 + 1);

        Tenant target = api.newTenant();
        Response imported = api.send("POST", "/v1/users/rosa2/import", "Bearer " + target.apiKey(), export.body(), "Content-Type", "application/x-ndjson");
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().get("memories").get("created").asInt() + imported.json().get("memories").get("linked").asInt()).isEqualTo(4);
        assertThat(imported.json().get("messages").asInt()).isEqualTo(2);
        assertThat(imported.json().get("relations").asInt()).isEqualTo(1);
        JsonNode summary = api.as(target, "GET", "/v1/users/rosa2/summary", null).json().get("counts");
        assertThat(summary.get("memories").asInt()).isEqualTo(4);
        assertThat(summary.get("entities").asInt()).isEqualTo(2);
        JsonNode products = api.as(target, "GET", "/v1/entities?userId=rosa2&name=scarpa&type=product", null).json();
        assertThat(products.get("entities")).as("entity types survive the round trip: " + products).hasSize(1);
        JsonNode found = api.as(target, "POST", "/v1/memories/search", "{\"userId\":\"rosa2\",\"query\":\"what footwear does she have\",\"topK\":1}").json();
        assertThat(found.get("results").get(0).get("memory").get("text").asText()).contains("Scarpa");
        JsonNode window = api.as(target, "GET", "/v1/sessions/chat-rosa/messages?userId=rosa2", null).json().get("window");
        assertThat(window.get("messages")).hasSize(2);

        assertProblem(api.send("POST", "/v1/users/rosa3/import", "Bearer " + target.apiKey(), "{\"type\":\"memory\"}\nnot json\n"), 400, "invalid-import");
        assertProblem(api.send("POST", "/v1/users/rosa3/import", "Bearer " + target.apiKey(), "{\"type\":\"export\",\"format\":\"other/9\"}\n"), 400, "invalid-import");
        assertThat(api.as(target, "GET", "/v1/users/rosa3/summary", null).json().get("counts").get("memories").asInt()).isZero();
    }
}

package dev.strata.service.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.service.support.ApiClient;
import dev.strata.service.support.ApiClient.Response;
import dev.strata.service.support.ApiClient.Tenant;
import dev.strata.service.support.SharedServer;
import dev.strata.service.tier.hot.HotTier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every KV endpoint used with a foreign tenant's key, aimed at the owner's namespace and key: the
 * foreigner can never read, list, overwrite or delete the owner's data; it only sees its own.
 */
class TenantIsolationTest {

    private static final String SECRET = "/v1/kv/shared/secret";
    private static ApiClient api;
    private static Tenant owner;
    private static String ownerEtag;
    private Tenant intruder;

    @BeforeAll
    static void ownerWritesData() {
        api = SharedServer.get().client();
        owner = api.newTenant();
        ownerEtag = api.as(owner, "PUT", SECRET, "{\"owner\":\"only\"}").header("ETag");
        assertThat(api.as(owner, "PUT", "/v1/kv/shared/second", "2").status()).isEqualTo(200);
        assertThat(api.as(owner, "PUT", "/v1/kv/shared/session?tier=ephemeral&ttl=600", "\"owner-session\"").status()).isEqualTo(200);
    }

    @BeforeEach
    void freshIntruderWithOneItemOfItsOwn() {
        intruder = api.newTenant();
        assertThat(api.as(intruder, "PUT", "/v1/kv/shared/mine", "\"intruder\"").status()).isEqualTo(200);
    }

    /** name, method, path, body, expected status, then header name/value pairs. */
    static Stream<Arguments> attacks() {
        String etag = "{etag}";
        return Stream.of(
                Arguments.of("GET", "GET", SECRET, null, 404, new String[0]),
                Arguments.of("GET of an ephemeral item", "GET", "/v1/kv/shared/session", null, 404, new String[0]),
                Arguments.of("HEAD", "HEAD", SECRET, null, 404, new String[0]),
                Arguments.of("GET with the owner's ETag", "GET", SECRET, null, 404, new String[] {"If-None-Match", etag}),
                Arguments.of("PUT with the owner's ETag", "PUT", SECRET, "\"stolen\"", 412, new String[] {"If-Match", etag}),
                Arguments.of("PUT if exists", "PUT", SECRET, "\"stolen\"", 412, new String[] {"If-Match", "*"}),
                Arguments.of("ephemeral PUT with the owner's ETag", "PUT", SECRET + "?tier=ephemeral", "\"stolen\"", 412,
                        new String[] {"If-Match", etag}),
                Arguments.of("DELETE", "DELETE", SECRET, null, 404, new String[0]),
                Arguments.of("DELETE of an ephemeral item", "DELETE", "/v1/kv/shared/session", null, 404, new String[0]),
                Arguments.of("DELETE with the owner's ETag", "DELETE", SECRET, null, 412, new String[] {"If-Match", etag}),
                Arguments.of("batch get", "POST", "/v1/kv/shared:batch",
                        "{\"operations\":[{\"op\":\"get\",\"key\":\"secret\"},{\"op\":\"get\",\"key\":\"session\"}]}", 200, new String[0]),
                Arguments.of("batch put with the owner's ETag", "POST", "/v1/kv/shared:batch",
                        "{\"operations\":[{\"op\":\"put\",\"key\":\"secret\",\"value\":1,\"ifMatch\":\"{etag-json}\"}]}", 412, new String[0]),
                Arguments.of("batch delete", "POST", "/v1/kv/shared:batch",
                        "{\"operations\":[{\"op\":\"delete\",\"key\":\"secret\"},{\"op\":\"delete\",\"key\":\"second\"}]}", 200, new String[0]),
                Arguments.of("list", "GET", "/v1/kv/shared", null, 200, new String[0]),
                Arguments.of("list by prefix", "GET", "/v1/kv/shared?prefix=sec", null, 200, new String[0]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void aForeignKeyCannotReachTheOwnersData(String name, String method, String path, String body, int expected, String[] headers) {
        String[] filled = headers.clone();
        for (int i = 0; i < filled.length; i++) {
            filled[i] = filled[i].replace("{etag}", ownerEtag);
        }
        String filledBody = body == null ? null : body.replace("{etag-json}", ownerEtag.replace("\"", "\\\""));

        Response response = api.as(intruder, method, path, filledBody, filled);

        assertThat(response.status()).as(name + ": " + response.body()).isEqualTo(expected);
        assertThat(response.body()).doesNotContain("owner").doesNotContain(owner.id());
        if (path.contains(":batch") && expected == 200) {
            response.json().get("results").forEach(result -> assertThat(result.get("status").asInt()).isEqualTo(404));
        }
        if (method.equals("GET") && path.startsWith("/v1/kv/shared") && !path.contains("/shared/")) {
            assertThat(keys(response.json())).isSubsetOf("mine");
        }
        assertOwnersDataIntact();
    }

    @Test
    void unconditionalWritesOfAForeignTenantLandInItsOwnNamespace() {
        assertThat(api.as(intruder, "PUT", SECRET, "\"intruder copy\"").status()).isEqualTo(200);
        assertThat(api.as(intruder, "PUT", "/v1/kv/shared/session?tier=ephemeral", "\"intruder session\"").status()).isEqualTo(200);
        assertThat(api.as(intruder, "POST", "/v1/kv/shared:batch",
                "{\"operations\":[{\"op\":\"put\",\"key\":\"second\",\"value\":\"intruder\"}]}").status()).isEqualTo(200);

        assertThat(api.as(intruder, "GET", SECRET, null).body()).isEqualTo("\"intruder copy\"");
        assertThat(keys(api.as(intruder, "GET", "/v1/kv/shared", null).json())).containsExactly("mine", "second", "secret");
        assertOwnersDataIntact();
        assertThat(api.as(intruder, "DELETE", SECRET, null).status()).isEqualTo(204);
        assertOwnersDataIntact();
    }

    @Test
    void readsFromLowerTiersAreIsolatedToo() {
        SharedServer.get().bean(HotTier.class).clear();
        assertThat(api.as(intruder, "GET", SECRET, null).status()).isEqualTo(404);
        assertThat(api.as(intruder, "GET", "/v1/kv/shared/session", null).status()).isEqualTo(404);
        assertOwnersDataIntact();
    }

    private static void assertOwnersDataIntact() {
        Response secret = api.as(owner, "GET", SECRET, null);
        assertThat(secret.status()).isEqualTo(200);
        assertThat(secret.body()).isEqualTo("{\"owner\":\"only\"}");
        assertThat(secret.header("ETag")).isEqualTo(ownerEtag);
        assertThat(api.as(owner, "GET", "/v1/kv/shared/second", null).body()).isEqualTo("2");
        assertThat(api.as(owner, "GET", "/v1/kv/shared/session", null).body()).isEqualTo("\"owner-session\"");
        assertThat(keys(api.as(owner, "GET", "/v1/kv/shared", null).json())).containsExactly("second", "secret");
    }

    private static List<String> keys(JsonNode listing) {
        List<String> keys = new ArrayList<>();
        listing.get("items").forEach(item -> keys.add(item.get("key").asText()));
        return keys;
    }
}

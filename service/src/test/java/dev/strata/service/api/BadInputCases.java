package dev.strata.service.api;

import static dev.strata.service.api.BadRequest.of;

import dev.strata.service.api.BadRequest.Credentials;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalogue of malformed requests. Writes aim at {@code ns/victim}, which holds data before the
 * battery runs, so a request wrongly accepted would also show up as damage.
 */
final class BadInputCases {

    static final String ITEM = "/v1/kv/ns/victim";
    private static final int ONE_MIB = 1024 * 1024;

    private BadInputCases() {
    }

    static List<BadRequest> all() {
        List<BadRequest> all = new ArrayList<>();
        all.addAll(names());
        all.addAll(bodies());
        all.addAll(headersAndParameters());
        all.addAll(batches());
        all.addAll(routesAndAuth());
        all.addAll(admin());
        all.addAll(namespacesAndStats());
        return all;
    }

    private static List<BadRequest> names() {
        return List.of(
                of("key longer than 512", 400, "GET", "/v1/kv/ns/" + "k".repeat(513)),
                of("namespace longer than 128", 400, "GET", "/v1/kv/" + "n".repeat(129) + "/k"),
                of("empty key", 404, "PUT", "/v1/kv/ns/").json("1"),
                of("empty namespace", 404, "GET", "/v1/kv//k"),
                of("space in key", 400, "PUT", "/v1/kv/ns/a%20b").json("1"),
                of("percent-encoded NUL in key", 400, "GET", "/v1/kv/ns/a%00b"),
                of("percent-encoded newline in key", 400, "PUT", "/v1/kv/ns/a%0Ab").json("1"),
                of("percent-encoded DEL in key", 400, "GET", "/v1/kv/ns/a%7Fb"),
                of("percent-encoded slash in key", 400, "GET", "/v1/kv/ns/a%2Fb"),
                of("percent-encoded backslash in key", 400, "GET", "/v1/kv/ns/a%5Cb"),
                of("bad percent encoding in key", 400, "GET", "/v1/kv/ns/a%zzb"),
                of("unicode key", 400, "PUT", "/v1/kv/ns/%C3%A9t%C3%A9").json("1"),
                BadRequest.ofRawTarget("invalid UTF-8 in path", 400, "GET", bytes("/v1/kv/ns/a%FF%FEb")),
                of("dot-dot key", 400, "GET", "/v1/kv/ns/.."),
                of("encoded dot-dot key", 400, "DELETE", "/v1/kv/ns/%2E%2E"),
                of("dot key in batch", 400, "POST", "/v1/kv/ns:batch").json("{\"operations\":[{\"op\":\"get\",\"key\":\".\"}]}"),
                of("colon in namespace", 400, "PUT", "/v1/kv/a:b/k").json("1"),
                of("glob in namespace", 400, "GET", "/v1/kv/a*b/k"),
                of("namespace starting with a dot", 400, "GET", "/v1/kv/.hidden/k"),
                of("asterisk in key", 400, "DELETE", "/v1/kv/ns/vic*"));
    }

    private static List<BadRequest> bodies() {
        return List.of(
                of("body over 1 MiB", 413, "PUT", ITEM).json("\"" + "x".repeat(ONE_MIB) + "\""),
                of("chunked body over 1 MiB", 413, "PUT", ITEM).header("Transfer-Encoding: chunked")
                        .body(chunked(("\"" + "y".repeat(ONE_MIB) + "\"").getBytes(StandardCharsets.US_ASCII)), "application/json"),
                of("truncated JSON", 400, "PUT", ITEM).json("{\"a\":"),
                of("trailing garbage", 400, "PUT", ITEM).json("{\"a\":1} x"),
                of("two JSON values", 400, "PUT", ITEM).json("1 2"),
                of("empty body", 400, "PUT", ITEM).json(""),
                of("whitespace only", 400, "PUT", ITEM).json("   \n "),
                of("invalid UTF-8 in a string", 400, "PUT", ITEM).body(new byte[] {'"', (byte) 0xFF, (byte) 0xFE, '"'}, "application/json"),
                of("overlong UTF-8 encoding", 400, "PUT", ITEM).body(new byte[] {'"', (byte) 0xC0, (byte) 0xAF, '"'}, "application/json"),
                of("single-quoted JSON", 400, "PUT", ITEM).json("{'a':1}"),
                of("NaN", 400, "PUT", ITEM).json("NaN"),
                of("nesting deeper than 256", 400, "PUT", ITEM).json("[".repeat(300) + "]".repeat(300)),
                of("form content type", 415, "PUT", ITEM).body(bytes("a=1&b=2"), "application/x-www-form-urlencoded"),
                of("text/plain content type", 415, "PUT", ITEM).body(bytes("\"text\""), "text/plain"),
                of("XML content type", 415, "PUT", ITEM).body(bytes("<a/>"), "application/xml"),
                of("malformed content type", 415, "PUT", ITEM).body(bytes("1"), ";;;"),
                of("content type without subtype", 415, "PUT", ITEM).body(bytes("1"), "application/"),
                of("batch as text/plain", 415, "POST", "/v1/kv/ns:batch").body(bytes("{\"operations\":[]}"), "text/plain"));
    }

    private static List<BadRequest> headersAndParameters() {
        return List.of(
                of("unknown parameter on put", 400, "PUT", ITEM + "?durability=max").json("1"),
                of("unknown parameter on get", 400, "GET", ITEM + "?fields=a"),
                of("unknown parameter on delete", 400, "DELETE", ITEM + "?force=true"),
                of("unknown parameter on list", 400, "GET", "/v1/kv/ns?limit=1&sort=desc"),
                of("unknown parameter on batch", 400, "POST", "/v1/kv/ns:batch?atomic=no").json("{\"operations\":[{\"op\":\"get\",\"key\":\"a\"}]}"),
                of("negative ttl", 400, "PUT", ITEM + "?ttl=-1").json("1"),
                of("ttl over ten years", 400, "PUT", ITEM + "?ttl=315360001").json("1"),
                of("ttl overflowing a long", 400, "PUT", ITEM + "?ttl=99999999999999999999").json("1"),
                of("non-numeric ttl", 400, "PUT", ITEM + "?ttl=soon").json("1"),
                of("fractional ttl", 400, "PUT", ITEM + "?ttl=1.5").json("1"),
                of("empty ttl", 400, "PUT", ITEM + "?ttl=").json("1"),
                of("unknown tier hint", 400, "PUT", ITEM + "?tier=cold").json("1"),
                of("tier hint in upper case", 400, "PUT", ITEM + "?tier=EPHEMERAL").json("1"),
                of("empty tier hint", 400, "PUT", ITEM + "?tier=").json("1"),
                of("unquoted If-Match", 400, "PUT", ITEM).header("If-Match: 123").json("1"),
                of("non-numeric If-Match", 400, "PUT", ITEM).header("If-Match: \"abc\"").json("1"),
                of("weak If-Match", 400, "PUT", ITEM).header("If-Match: W/\"1\"").json("1"),
                of("zero If-Match", 400, "DELETE", ITEM).header("If-Match: \"0\""),
                of("If-Match list", 400, "DELETE", ITEM).header("If-Match: \"1\", \"2\""),
                of("If-Match and If-None-Match", 400, "PUT", ITEM).header("If-Match: *").header("If-None-Match: *").json("1"),
                of("If-None-Match with an ETag on put", 400, "PUT", ITEM).header("If-None-Match: \"5\"").json("1"),
                of("limit zero", 400, "GET", "/v1/kv/ns?limit=0"),
                of("negative limit", 400, "GET", "/v1/kv/ns?limit=-5"),
                of("limit over the maximum", 400, "GET", "/v1/kv/ns?limit=1001"),
                of("non-numeric limit", 400, "GET", "/v1/kv/ns?limit=all"),
                of("cursor that is not base64", 400, "GET", "/v1/kv/ns?cursor=!!!"),
                of("cursor decoding to an illegal key", 400, "GET", "/v1/kv/ns?cursor=YSBi"),
                of("prefix with a space", 400, "GET", "/v1/kv/ns?prefix=a%20b"),
                of("prefix longer than 512", 400, "GET", "/v1/kv/ns?prefix=" + "p".repeat(513)),
                of("list of an illegal namespace", 400, "GET", "/v1/kv/a*b?limit=1"));
    }

    private static List<BadRequest> batches() {
        String batch = "/v1/kv/ns:batch";
        StringBuilder tooMany = new StringBuilder("{\"operations\":[");
        for (int i = 0; i <= 1000; i++) {
            tooMany.append(i == 0 ? "" : ",").append("{\"op\":\"delete\",\"key\":\"victim\"}");
        }
        tooMany.append("]}");
        return List.of(
                of("batch that is not JSON", 400, "POST", batch).json("operations: all"),
                of("batch that is an array", 400, "POST", batch).json("[]"),
                of("batch that is null", 400, "POST", batch).json("null"),
                of("batch with an unknown field", 400, "POST", batch).json("{\"operations\":[],\"atomic\":false}"),
                of("batch operation with an unknown field", 400, "POST", batch)
                        .json("{\"operations\":[{\"op\":\"delete\",\"key\":\"victim\",\"force\":true}]}"),
                of("batch with an unknown op", 400, "POST", batch).json("{\"operations\":[{\"op\":\"upsert\",\"key\":\"victim\",\"value\":1}]}"),
                of("batch op without key", 400, "POST", batch).json("{\"operations\":[{\"op\":\"put\",\"value\":1}]}"),
                of("batch op without op", 400, "POST", batch).json("{\"operations\":[{\"key\":\"victim\"}]}"),
                of("batch with 1001 operations", 400, "POST", batch).json(tooMany.toString()),
                of("batch get with a value", 400, "POST", batch).json("{\"operations\":[{\"op\":\"get\",\"key\":\"victim\",\"value\":1}]}"),
                of("batch delete with a ttl", 400, "POST", batch).json("{\"operations\":[{\"op\":\"delete\",\"key\":\"victim\",\"ttl\":5}]}"),
                of("batch put without value", 400, "POST", batch).json("{\"operations\":[{\"op\":\"put\",\"key\":\"victim\"}]}"),
                of("batch put with negative ttl", 400, "POST", batch)
                        .json("{\"operations\":[{\"op\":\"put\",\"key\":\"victim\",\"value\":1,\"ttl\":-1}]}"),
                of("batch with malformed ifMatch", 400, "POST", batch)
                        .json("{\"operations\":[{\"op\":\"delete\",\"key\":\"victim\",\"ifMatch\":\"7\"}]}"),
                of("batch with invalid UTF-8", 400, "POST", batch).body(new byte[] {'{', '"', 'o', 'p', 'e', 'r', 'a', 't', 'i', 'o', 'n', 's',
                        '"', ':', '[', '{', '"', 'o', 'p', '"', ':', '"', 'g', 'e', 't', '"', ',', '"', 'k', 'e', 'y', '"', ':', '"',
                        (byte) 0xC0, (byte) 0xAF, '"', '}', ']', '}'}, "application/json"),
                of("batch with empty operations", 400, "POST", batch).json("{\"operations\":[]}"),
                of("batch with operations as an object", 400, "POST", batch).json("{\"operations\":{\"op\":\"get\"}}"),
                of("batch bad op after a good put", 400, "POST", batch)
                        .json("{\"operations\":[{\"op\":\"put\",\"key\":\"victim\",\"value\":\"lost\"},{\"op\":\"put\",\"key\":\"a b\",\"value\":1}]}"));
    }

    /** The console's endpoints: the namespace listing and the status figures. */
    private static List<BadRequest> namespacesAndStats() {
        return List.of(
                of("namespace listing with limit 0", 400, "GET", "/v1/kv?limit=0"),
                of("namespace listing with a huge limit", 400, "GET", "/v1/kv?limit=99999999999"),
                of("namespace listing with a forged cursor", 400, "GET", "/v1/kv?cursor=Li4"),
                of("namespace listing with a prefix", 400, "GET", "/v1/kv?prefix=a"),
                of("POST on the namespace listing", 405, "POST", "/v1/kv").json("1"),
                of("stats with a parameter", 400, "GET", "/v1/stats?window=1"),
                of("DELETE on stats", 405, "DELETE", "/v1/stats"),
                of("stats without a key", 401, "GET", "/v1/stats").as(Credentials.NONE),
                of("stats with the admin token", 401, "GET", "/v1/stats").as(Credentials.ADMIN));
    }

    private static List<BadRequest> routesAndAuth() {
        return List.of(
                of("POST on an item", 405, "POST", ITEM).json("1"),
                of("PATCH on an item", 405, "PATCH", ITEM).json("1"),
                of("PUT on a namespace", 405, "PUT", "/v1/kv/ns").json("1"),
                of("DELETE on a batch", 405, "DELETE", "/v1/kv/ns:batch"),
                of("TRACE on an item", 405, "TRACE", ITEM),
                of("unknown API path", 404, "GET", "/v1/nothing-here"),
                of("path below an item", 404, "GET", ITEM + "/deeper"),
                of("unknown path outside the API", 404, "GET", "/nothing-here").as(Credentials.NONE),
                of("no Authorization", 401, "GET", ITEM).as(Credentials.NONE),
                of("Basic Authorization", 401, "GET", ITEM).as(Credentials.NONE).header("Authorization: Basic dXNlcjpwYXNz"),
                of("Bearer without a key", 401, "GET", ITEM).as(Credentials.NONE).header("Authorization: Bearer"),
                of("Bearer with only spaces", 401, "DELETE", ITEM).as(Credentials.NONE).header("Authorization: Bearer    "),
                of("wrong API key", 401, "DELETE", ITEM).as(Credentials.NONE)
                        .header("Authorization: Bearer sk_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
                of("oversized API key", 401, "GET", ITEM).as(Credentials.NONE).header("Authorization: Bearer sk_" + "x".repeat(300)),
                of("non-ASCII API key", 401, "GET", ITEM).as(Credentials.NONE).header("Authorization: Bearer sk_\u00e9\u00ff"),
                of("admin token as a tenant key", 401, "PUT", ITEM).as(Credentials.ADMIN).json("\"admin wrote this\""),
                of("tenant key listing tenants", 401, "GET", "/v1/admin/tenants"),
                of("tenant key creating a tenant", 401, "POST", "/v1/admin/tenants").json("{\"id\":\"bf-by-tenant\"}"),
                of("tenant key deleting its tenant", 401, "DELETE", "/v1/admin/tenants/{tenant}"),
                of("dot-dot into the admin API", 401, "GET", "/v1/kv/../admin/tenants"),
                of("percent-encoded API root before admin", 401, "GET", "/%761/admin/tenants").as(Credentials.NONE),
                of("path parameter on the API root before admin", 401, "GET", "/v1;x=1/admin/tenants").as(Credentials.NONE),
                of("path parameter on the API root before an item", 401, "GET", "/v1;x=1/kv/ns/victim").as(Credentials.NONE),
                of("percent-encoded admin path", 401, "GET", "/v1/%61dmin/tenants"),
                of("path parameter on the admin path", 401, "GET", "/v1/admin;x=1/tenants"),
                of("double slash before the admin path", 401, "GET", "/v1//admin/tenants"),
                of("upper-case admin path", 404, "GET", "/v1/ADMIN/tenants"),
                of("no Authorization on admin", 401, "GET", "/v1/admin/tenants").as(Credentials.NONE));
    }

    private static List<BadRequest> admin() {
        String tenants = "/v1/admin/tenants";
        return List.of(
                of("tenant id in upper case", 400, "POST", tenants).as(Credentials.ADMIN).json("{\"id\":\"Bad_Id\"}"),
                of("empty tenant id", 400, "POST", tenants).as(Credentials.ADMIN).json("{\"id\":\"\"}"),
                of("null tenant id", 400, "POST", tenants).as(Credentials.ADMIN).json("{\"id\":null}"),
                of("tenant id of 64 characters", 400, "POST", tenants).as(Credentials.ADMIN).json("{\"id\":\"" + "t".repeat(64) + "\"}"),
                of("duplicate tenant", 409, "POST", tenants).as(Credentials.ADMIN).json("{\"id\":\"{tenant}\"}"),
                of("unknown field in tenant", 400, "POST", tenants).as(Credentials.ADMIN).json("{\"id\":\"bf-unknown-field\",\"plan\":\"gold\"}"),
                of("zero rate limit", 400, "POST", tenants).as(Credentials.ADMIN).json("{\"id\":\"bf-rate-zero\",\"rateLimitPerSecond\":0}"),
                of("non-numeric rate limit", 400, "POST", tenants).as(Credentials.ADMIN)
                        .json("{\"id\":\"bf-rate-text\",\"rateLimitPerSecond\":\"fast\"}"),
                of("tenant name over 200 characters", 400, "POST", tenants).as(Credentials.ADMIN)
                        .json("{\"id\":\"bf-long-name\",\"name\":\"" + "n".repeat(201) + "\"}"),
                of("tenant body not JSON", 400, "POST", tenants).as(Credentials.ADMIN).json("id=bf-form"),
                of("tenant body empty", 400, "POST", tenants).as(Credentials.ADMIN).json(""),
                of("tenant body as text/plain", 415, "POST", tenants).as(Credentials.ADMIN).body(bytes("{\"id\":\"bf-text\"}"), "text/plain"),
                of("tenant body with malformed content type", 415, "POST", tenants).as(Credentials.ADMIN)
                        .body(bytes("{\"id\":\"bf-ct\"}"), "application/"),
                of("unknown parameter on admin", 400, "GET", tenants + "?page=2").as(Credentials.ADMIN),
                of("illegal tenant id in path", 400, "GET", tenants + "/Bad_Id").as(Credentials.ADMIN),
                of("key name over 200 characters", 400, "POST", tenants + "/{tenant}/keys").as(Credentials.ADMIN)
                        .json("{\"name\":\"" + "k".repeat(201) + "\"}"),
                of("unknown field in key body", 400, "POST", tenants + "/{tenant}/keys").as(Credentials.ADMIN).json("{\"nme\":\"x\"}"),
                of("revoking a malformed key id", 404, "DELETE", tenants + "/{tenant}/keys/not-a-key-id").as(Credentials.ADMIN),
                of("key for an unknown tenant", 404, "POST", tenants + "/bf-no-such-tenant/keys").as(Credentials.ADMIN).json("{}"),
                of("deleting an unknown tenant", 404, "DELETE", tenants + "/bf-no-such-tenant").as(Credentials.ADMIN),
                of("PUT on the tenant collection", 405, "PUT", tenants).as(Credentials.ADMIN).json("{\"id\":\"bf-put\"}"),
                of("unknown admin path", 404, "GET", "/v1/admin/nothing").as(Credentials.ADMIN));
    }

    private static byte[] chunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int chunk = 64 * 1024;
        for (int at = 0; at < body.length; at += chunk) {
            int size = Math.min(chunk, body.length - at);
            out.writeBytes(bytes(Integer.toHexString(size) + "\r\n"));
            out.write(body, at, size);
            out.writeBytes(bytes("\r\n"));
        }
        out.writeBytes(bytes("0\r\n\r\n"));
        return out.toByteArray();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}

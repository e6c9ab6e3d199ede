package dev.strata.service.kv;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.strata.service.api.ApiException;
import dev.strata.service.api.ApiProperties;
import dev.strata.service.api.RequestBodies;
import dev.strata.service.tenant.TenantPrincipal;
import dev.strata.service.tier.durable.DurableTier;
import dev.strata.service.tier.durable.ListedItem;
import dev.strata.service.tier.durable.Precondition;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/** The key/value API. Thin: validation of names and headers, then {@link KvService}. */
@RestController
@RequestMapping("/v1/kv")
public class KvController {

    public static final String TIER_HEADER = "X-Strata-Tier";
    public static final String EXPIRES_HEADER = "X-Strata-Expires-At";
    private static final Set<String> PUT_PARAMS = Set.of("ttl", "tier");
    private static final Set<String> LIST_PARAMS = Set.of("prefix", "limit", "cursor");
    private static final Set<String> NAMESPACE_PARAMS = Set.of("limit", "cursor");

    private final KvService kv;
    private final BatchService batches;
    private final DurableTier durable;
    private final ApiProperties limits;
    private final ObjectReader batchReader;

    public KvController(KvService kv, BatchService batches, DurableTier durable, ApiProperties limits, ObjectMapper json) {
        this.kv = kv;
        this.batches = batches;
        this.durable = durable;
        this.limits = limits;
        this.batchReader = json.readerFor(BatchRequest.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @RequestMapping(value = "/{namespace}/{key}", method = {RequestMethod.GET, RequestMethod.HEAD})
    ResponseEntity<byte[]> get(@PathVariable String namespace, @PathVariable String key,
                               @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
                               HttpServletRequest request) {
        RequestBodies.allowOnly(request, Set.of());
        ItemKey itemKey = itemKey(request, namespace, key);
        ReadResult read = kv.get(itemKey);
        if (read == null) {
            throw ApiException.notFound("No item " + namespace + "/" + key + ".");
        }
        StoredItem item = read.item();
        String etag = Preconditions.etag(item.version());
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .eTag(etag)
                .header(TIER_HEADER, read.servedBy().label())
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (item.hasTtl()) {
            response.header(EXPIRES_HEADER, Instant.ofEpochMilli(item.expiresAtMs()).toString());
        }
        if (ifNoneMatch != null && (ifNoneMatch.trim().equals(etag) || ifNoneMatch.trim().equals("*"))) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).header(TIER_HEADER, read.servedBy().label()).build();
        }
        return response.contentType(MediaType.APPLICATION_JSON).body(item.value());
    }

    @PutMapping("/{namespace}/{key}")
    ResponseEntity<Map<String, Object>> put(@PathVariable String namespace, @PathVariable String key,
                                            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
                                            HttpServletRequest request) {
        RequestBodies.allowOnly(request, PUT_PARAMS);
        ItemKey itemKey = itemKey(request, namespace, key);
        long ttlSeconds = TtlRules.parse(request.getParameter("ttl"));
        boolean ephemeral = parseTierHint(request.getParameter("tier"));
        Precondition precondition = Preconditions.fromHeaders(ifMatch, ifNoneMatch);
        requireJson(request);
        byte[] body = JsonValues.requireSingleValue(RequestBodies.read(request, limits.maxBodyBytes()));
        WriteReceipt receipt = kv.put(itemKey, body, ttlSeconds, ephemeral, precondition);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("namespace", namespace);
        answer.put("key", key);
        answer.put("version", receipt.version());
        answer.put("durable", receipt.durable());
        answer.put("tier", receipt.durable() ? "durable" : "ephemeral");
        if (receipt.expiresAtMs() != 0) {
            answer.put("expiresAt", Instant.ofEpochMilli(receipt.expiresAtMs()).toString());
        }
        return ResponseEntity.ok().eTag(Preconditions.etag(receipt.version())).body(answer);
    }

    @DeleteMapping("/{namespace}/{key}")
    ResponseEntity<Void> delete(@PathVariable String namespace, @PathVariable String key,
                                @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                HttpServletRequest request) {
        RequestBodies.allowOnly(request, Set.of());
        ItemKey itemKey = itemKey(request, namespace, key);
        kv.delete(itemKey, Preconditions.fromIfMatch(ifMatch, "If-Match"));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{namespace}:batch")
    BatchResult batch(@PathVariable String namespace, HttpServletRequest request) {
        RequestBodies.allowOnly(request, Set.of());
        String tenant = TenantPrincipal.of(request).tenantId();
        KeyRules.namespace(namespace);
        requireJson(request);
        byte[] body = RequestBodies.read(request, Math.max(limits.maxBodyBytes(), 8 * 1024 * 1024));
        JsonValues.requireUtf8(body);
        BatchRequest batch;
        try {
            batch = batchReader.readValue(body);
        } catch (IOException e) {
            String reason = e instanceof com.fasterxml.jackson.core.JsonProcessingException parse ? parse.getOriginalMessage() : "unreadable";
            throw ApiException.badRequest("malformed-json", "The batch is not valid: " + reason.replaceAll("[\\r\\n]+", " "));
        }
        return batches.execute(tenant, namespace, batch, limits.maxBatchOperations());
    }

    /** The tenant's namespaces (those with live durable items), for browsing. */
    @GetMapping
    Map<String, Object> namespaces(HttpServletRequest request) {
        RequestBodies.allowOnly(request, NAMESPACE_PARAMS);
        String tenant = TenantPrincipal.of(request).tenantId();
        int limit = parseLimit(request.getParameter("limit"));
        String after = decodeNamespaceCursor(request.getParameter("cursor"));
        List<String> page = durable.listNamespaces(tenant, after, limit + 1);
        boolean more = page.size() > limit;
        List<Map<String, Object>> namespaces = new ArrayList<>();
        for (String namespace : more ? page.subList(0, limit) : page) {
            namespaces.add(Map.of("name", namespace));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("namespaces", namespaces);
        if (more) {
            answer.put("nextCursor", encodeCursor(page.get(limit - 1)));
        }
        return answer;
    }

    @GetMapping("/{namespace}")
    Map<String, Object> list(@PathVariable String namespace, HttpServletRequest request) {
        RequestBodies.allowOnly(request, LIST_PARAMS);
        String tenant = TenantPrincipal.of(request).tenantId();
        KeyRules.namespace(namespace);
        String prefix = KeyRules.prefix(request.getParameter("prefix"));
        int limit = parseLimit(request.getParameter("limit"));
        String after = decodeCursor(request.getParameter("cursor"));
        List<ListedItem> page = durable.list(tenant, namespace, prefix, after, limit + 1);
        boolean more = page.size() > limit;
        List<Map<String, Object>> items = new ArrayList<>();
        for (ListedItem item : more ? page.subList(0, limit) : page) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", item.key());
            row.put("version", item.version());
            row.put("etag", Preconditions.etag(item.version()));
            row.put("sizeBytes", item.sizeBytes());
            if (item.expiresAtMs() != 0) {
                row.put("expiresAt", Instant.ofEpochMilli(item.expiresAtMs()).toString());
            }
            items.add(row);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("namespace", namespace);
        answer.put("items", items);
        if (more) {
            answer.put("nextCursor", encodeCursor(page.get(limit - 1).key()));
        }
        return answer;
    }

    private ItemKey itemKey(HttpServletRequest request, String namespace, String key) {
        return new ItemKey(TenantPrincipal.of(request).tenantId(), KeyRules.namespace(namespace), KeyRules.key(key));
    }

    private static boolean parseTierHint(String tier) {
        if (tier == null || tier.equals("durable")) {
            return false;
        }
        if (tier.equals("ephemeral")) {
            return true;
        }
        throw ApiException.badRequest("invalid-tier", "tier must be 'durable' (the default) or 'ephemeral'.");
    }

    private static void requireJson(HttpServletRequest request) {
        String contentType = request.getContentType();
        if (contentType != null && !MediaType.parseMediaType(safeMediaType(contentType)).isCompatibleWith(MediaType.APPLICATION_JSON)) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
                    "Send the value as application/json.");
        }
    }

    private static String safeMediaType(String contentType) {
        try {
            MediaType.parseMediaType(contentType);
            return contentType;
        } catch (RuntimeException e) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
                    "The Content-Type header is malformed; send application/json.");
        }
    }

    private int parseLimit(String limit) {
        if (limit == null) {
            return Math.min(100, limits.maxListLimit());
        }
        try {
            int value = Integer.parseInt(limit);
            if (value < 1 || value > limits.maxListLimit()) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid-limit", "limit must be between 1 and " + limits.maxListLimit() + ".");
        }
    }

    private static String encodeCursor(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeNamespaceCursor(String cursor) {
        if (cursor == null) {
            return "";
        }
        try {
            return KeyRules.namespace(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | ApiException e) {
            throw ApiException.badRequest("invalid-cursor", "cursor is not one this server issued; start again without it.");
        }
    }

    private static String decodeCursor(String cursor) {
        if (cursor == null) {
            return "";
        }
        try {
            return KeyRules.key(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | ApiException e) {
            throw ApiException.badRequest("invalid-cursor", "cursor is not one this server issued; start again without it.");
        }
    }
}

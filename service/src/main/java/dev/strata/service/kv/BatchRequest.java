package dev.strata.service.kv;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Body of {@code POST /v1/kv/{namespace}:batch}. Unknown fields are rejected. */
public record BatchRequest(List<Operation> operations) {

    /**
     * One operation: {@code op} is get, put or delete; {@code value} is the JSON value of a put;
     * {@code ttl} seconds (put only); {@code ifMatch} an ETag or "*".
     */
    public record Operation(String op, String key, JsonNode value, Long ttl, String ifMatch) { }
}

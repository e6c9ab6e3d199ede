package dev.strata.service.kv;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.util.List;

/** Answer of a batch: one result per operation, in request order. */
public record BatchResult(List<Entry> results) {

    /** {@code status} is the HTTP status the operation would have had on its own. */
    public record Entry(int index, String op, String key, int status, Long version, String etag,
                        @JsonRawValue String value, String expiresAt) { }
}

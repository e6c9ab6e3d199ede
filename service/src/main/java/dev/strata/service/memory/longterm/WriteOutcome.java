package dev.strata.service.memory.longterm;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What happened to one written memory: {@code created}, {@code merged} into an exact or near
 * duplicate ({@code id} is then the existing memory), or {@code linked} (stored, pointing at its
 * near-duplicate through {@code duplicateOf}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WriteOutcome(String id, String status, String duplicateOf, Double similarity) {

    public boolean created() {
        return !status.equals("merged");
    }
}

package dev.strata.infra.plan;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One resource registration as the engine would have received it.
 *
 * @param urn     the resource's URN
 * @param type    Pulumi type token, e.g. {@code aws:rds/instance:Instance}
 * @param name    the logical name
 * @param parent  the parent's URN (the stack for top-level components)
 * @param custom  false for component resources and the stack
 * @param inputs  inputs as plain values, secrets masked
 */
public record RecordedResource(String urn, String type, String name, String parent, boolean custom,
                               Map<String, Object> inputs) {

    /** Walks a path of map keys and list indexes, e.g. {@code input("metadataOptions", "httpTokens")}. */
    public Optional<Object> input(Object... path) {
        Object current = inputs;
        for (Object step : path) {
            if (current instanceof Map<?, ?> map && step instanceof String key) {
                current = map.get(key);
            } else if (current instanceof List<?> list && step instanceof Integer index && index < list.size()) {
                current = list.get(index);
            } else {
                return Optional.empty();
            }
            if (current == null) {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }

    public String text(Object... path) {
        return input(path).map(String::valueOf).orElse("");
    }

    public boolean isTrue(Object... path) {
        return input(path).map(value -> value.equals(Boolean.TRUE) || "true".equals(value)).orElse(false);
    }

    public long number(Object... path) {
        return input(path).map(value -> value instanceof Number n ? n.longValue() : Long.parseLong(value.toString()))
                .orElseThrow(() -> new AssertionError(name + " has no numeric input " + List.of(path)));
    }
}

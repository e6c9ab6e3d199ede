package dev.strata.service.memory;

import dev.strata.service.api.ApiException;
import java.util.List;
import java.util.regex.Pattern;

/** Validation shared by the memory APIs: ids, labels and texts, each failure a clear 400. */
public final class MemoryRules {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@+-]{0,127}");
    public static final int MAX_LABELS = 32;
    public static final int MAX_LABEL_CHARS = 64;

    private MemoryRules() {
    }

    /** A user or session id: 1–128 of {@code A-Z a-z 0-9 . _ : @ + -}, starting alphanumeric. */
    public static String id(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw ApiException.badRequest("invalid-" + field, "'" + field + "' is required.");
        }
        if (!ID.matcher(value).matches()) {
            throw ApiException.badRequest("invalid-" + field, "'" + field + "' must be 1-128 characters of A-Z a-z 0-9 . _ : @ + - starting with a letter or digit.");
        }
        return value;
    }

    public static String optionalId(String field, String value) {
        return value == null ? null : id(field, value);
    }

    public static String text(String field, String value, int maxChars) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("invalid-" + field, "'" + field + "' must be a non-empty string.");
        }
        if (value.length() > maxChars) {
            throw ApiException.badRequest("invalid-" + field, "'" + field + "' is longer than " + maxChars + " characters (strata.memory.max-text-chars).");
        }
        return value;
    }

    /** Topics and entity names: at most 32, each 1–64 characters without control characters. */
    public static List<String> labels(String field, List<String> values) {
        if (values.size() > MAX_LABELS) {
            throw ApiException.badRequest("invalid-" + field, "At most " + MAX_LABELS + " " + field + " per memory.");
        }
        for (String value : values) {
            if (value == null || value.isBlank() || value.length() > MAX_LABEL_CHARS || value.chars().anyMatch(Character::isISOControl)) {
                throw ApiException.badRequest("invalid-" + field, "Each of '" + field + "' must be 1-" + MAX_LABEL_CHARS + " printable characters.");
            }
        }
        return values.stream().distinct().toList();
    }

    public static double importance(Double value) {
        if (value == null) {
            return 0.5;
        }
        if (value.isNaN() || value < 0 || value > 1) {
            throw ApiException.badRequest("invalid-importance", "'importance' must be between 0 and 1.");
        }
        return value;
    }
}

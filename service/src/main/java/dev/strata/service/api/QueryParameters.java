package dev.strata.service.api;

/** Parsing of query parameters, each failure a 400 naming the parameter and its range. */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** {@code value} as an integer in [min, max]; {@code fallback} when absent. */
    public static int integer(String value, String name, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // falls through to the 400
        }
        throw ApiException.badRequest("invalid-" + name, "'" + name + "' must be an integer between " + min + " and " + max + ".");
    }

    /** {@code true} or {@code false}; {@code fallback} when absent. */
    public static boolean bool(String value, String name, boolean fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw ApiException.badRequest("invalid-" + name, "'" + name + "' must be true or false.");
    }
}

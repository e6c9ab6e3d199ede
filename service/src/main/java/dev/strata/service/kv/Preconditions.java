package dev.strata.service.kv;

import dev.strata.service.api.ApiException;
import dev.strata.service.tier.durable.Precondition;

/** ETags are the item version in quotes; this parses If-Match / If-None-Match into a {@link Precondition}. */
public final class Preconditions {

    private Preconditions() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    public static Precondition fromIfMatch(String header, String name) {
        if (header == null) {
            return Precondition.NONE;
        }
        String value = header.trim();
        if (value.equals("*")) {
            return Precondition.EXISTS;
        }
        return Precondition.versionIs(parseEtag(value, name));
    }

    public static Precondition fromHeaders(String ifMatch, String ifNoneMatch) {
        if (ifMatch != null && ifNoneMatch != null) {
            throw ApiException.badRequest("invalid-precondition", "Send either If-Match or If-None-Match, not both.");
        }
        if (ifNoneMatch != null) {
            if (!ifNoneMatch.trim().equals("*")) {
                throw ApiException.badRequest("invalid-precondition", "On writes, If-None-Match accepts only '*' (create only if absent).");
            }
            return Precondition.ABSENT;
        }
        return fromIfMatch(ifMatch, "If-Match");
    }

    /** The version in a strong ETag ({@code "123"}); 400 for anything else. */
    public static long parseEtag(String value, String name) {
        String v = value.trim();
        if (v.length() < 3 || v.charAt(0) != '"' || v.charAt(v.length() - 1) != '"') {
            throw ApiException.badRequest("invalid-precondition", name + " must be one strong ETag such as \"1700000000000000\" or *.");
        }
        try {
            long version = Long.parseLong(v.substring(1, v.length() - 1));
            if (version <= 0) {
                throw new NumberFormatException();
            }
            return version;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid-precondition", name + " does not hold a Strata ETag (a quoted positive integer).");
        }
    }
}

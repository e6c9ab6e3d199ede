package dev.strata.service.admin.transfer;

import java.util.Base64;

/**
 * One line of an export: an item with its exact bytes (base64), version and absolute expiry, plus a
 * CRC-32C of the value so a damaged line is found and named, not just a damaged file.
 *
 * @param expiresAt epoch milliseconds, or null when the item never expires
 */
record ExportRecord(String tenant, String namespace, String key, long version, Long expiresAt, String value, String crc32c) {

    /** One compact line per record; unknown fields are refused on read so a damaged name is caught. */
    static final com.fasterxml.jackson.databind.ObjectWriter WRITER = new com.fasterxml.jackson.databind.ObjectMapper()
            .writerFor(ExportRecord.class);
    static final com.fasterxml.jackson.databind.ObjectReader READER = new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .readerFor(ExportRecord.class);

    static ExportRecord of(String tenant, String namespace, String key, long version, long expiresAtMs, byte[] value) {
        return new ExportRecord(tenant, namespace, key, version, expiresAtMs == 0 ? null : expiresAtMs,
                Base64.getEncoder().encodeToString(value), crc(value));
    }

    byte[] valueBytes() {
        return Base64.getDecoder().decode(value);
    }

    long expiresAtMs() {
        return expiresAt == null ? 0 : expiresAt;
    }

    static String crc(byte[] value) {
        return JsonLinesFile.crc(value);
    }
}

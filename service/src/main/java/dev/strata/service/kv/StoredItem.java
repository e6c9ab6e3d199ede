package dev.strata.service.kv;

/**
 * An item's value and metadata as held by any tier. {@code value} is the raw JSON document the
 * client sent; {@code expiresAtMs} is 0 when the item never expires.
 */
public record StoredItem(byte[] value, long version, long expiresAtMs, boolean ephemeral) {

    public boolean isExpiredAt(long nowMs) {
        return expiresAtMs != 0 && expiresAtMs <= nowMs;
    }

    public boolean hasTtl() {
        return expiresAtMs != 0;
    }
}

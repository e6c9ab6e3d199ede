package dev.strata.service.admin.transfer;

import java.time.Instant;
import java.util.List;

/**
 * {@code manifest.json} of an export: what it holds, for whom, and the checksum of its data file.
 *
 * @param tenants the tenants whose items are included (recreated by import when missing)
 * @param namespace the only namespace exported, or null for all
 */
record Manifest(String format, int formatVersion, Instant createdAt, String scope, String namespace, List<TenantEntry> tenants,
                String itemsFile, long items, long bytes, String sha256) {

    static final String FORMAT = "strata-export";
    static final int FORMAT_VERSION = 1;
    static final String ITEMS_FILE = "items.jsonl.gz";
    static final String FILE_NAME = "manifest.json";

    /** A tenant row; API keys are not exported (they are credentials, re-issue them on the target). */
    record TenantEntry(String id, String name, Integer rateLimitPerSecond) { }
}

package dev.strata.service.admin.transfer;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of an export: what it holds, for whom, and the checksums of its data files.
 * Version 1 exports hold items only; version 2 adds the semantic-memory file when a whole tenant or
 * everything was exported. An import reads both.
 *
 * @param tenants the tenants whose items are included (recreated by import when missing)
 * @param namespace the only namespace exported, or null for all
 * @param memoryFile the semantic-memory file, or null (version 1, or a --namespace export)
 * @param memoryRows rows per table in {@code memoryFile}, in file order
 * @param memorySha256 the sha256 of {@code memoryFile}
 */
record Manifest(String format, int formatVersion, Instant createdAt, String scope, String namespace, List<TenantEntry> tenants,
                String itemsFile, long items, long bytes, String sha256,
                String memoryFile, Map<String, Long> memoryRows, String memorySha256) {

    static final String FORMAT = "strata-export";
    static final int FORMAT_VERSION = 2;
    /** The oldest version this jar imports: version 1 (items only) imports exactly as before. */
    static final int OLDEST_FORMAT_VERSION = 1;
    static final String ITEMS_FILE = "items.jsonl.gz";
    static final String MEMORY_FILE = "memory.jsonl.gz";
    static final String FILE_NAME = "manifest.json";

    /** A tenant row; API keys are not exported (they are credentials, re-issue them on the target). */
    record TenantEntry(String id, String name, Integer rateLimitPerSecond) { }

    boolean hasMemory() {
        return memoryFile != null;
    }

    long memoryRowTotal() {
        return memoryRows == null ? 0 : memoryRows.values().stream().mapToLong(Long::longValue).sum();
    }
}

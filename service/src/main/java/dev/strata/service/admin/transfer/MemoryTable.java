package dev.strata.service.admin.transfer;

import static dev.strata.service.admin.transfer.ColumnType.BIGINT;
import static dev.strata.service.admin.transfer.ColumnType.BOOLEAN;
import static dev.strata.service.admin.transfer.ColumnType.BYTES;
import static dev.strata.service.admin.transfer.ColumnType.EMBEDDING;
import static dev.strata.service.admin.transfer.ColumnType.INTEGER;
import static dev.strata.service.admin.transfer.ColumnType.JSON;
import static dev.strata.service.admin.transfer.ColumnType.REAL;
import static dev.strata.service.admin.transfer.ColumnType.TEXT;
import static dev.strata.service.admin.transfer.ColumnType.TEXT_ARRAY;
import static dev.strata.service.admin.transfer.ColumnType.TIMESTAMP;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The semantic-memory tables an export carries, in the order they are written and imported: parents
 * before children, so every foreign key is satisfied when a child row arrives. Left out on purpose:
 * memory_changes (the change feed, derived: the import's inserts write it again through the trigger),
 * memory_erasure_notices (messages between running instances)
 * and memory_key_roles (tied to API keys, which are credentials and are not exported).
 */
enum MemoryTable {
    MEMORIES("memories", "FROM memories WHERE %s", "id", "TRUE",
            column("id", TEXT), column("tenant_id", TEXT), column("user_id", TEXT), nullable("session_id", TEXT),
            column("text", TEXT), column("text_hash", BYTES), column("topics", TEXT_ARRAY), column("entities", TEXT_ARRAY),
            column("importance", REAL), column("metadata", JSON), column("embedding", EMBEDDING), nullable("duplicate_of", TEXT),
            column("merged_count", INTEGER), column("version", BIGINT), column("created_at", TIMESTAMP), column("updated_at", TIMESTAMP)),
    /**
     * History has no key, so ON CONFLICT cannot make it idempotent; a row is written only when its
     * memory exists (it may have been skipped as an exact duplicate of one the target holds) and the
     * same entry is not there yet. Unlike "only for memories this run inserted", that also completes
     * the history of memories an interrupted earlier run inserted.
     */
    MEMORY_HISTORY("memory_history", "FROM memory_history WHERE memory_id IN (SELECT id FROM memories WHERE %s)",
            "memory_id, version, at, event",
            "EXISTS (SELECT 1 FROM memories m WHERE m.id = r.memory_id) AND NOT EXISTS (SELECT 1 FROM memory_history h"
                    + " WHERE h.memory_id = r.memory_id AND h.version = r.version AND h.event = r.event AND h.at = r.at)",
            column("memory_id", TEXT), column("version", BIGINT), column("event", TEXT), column("text", TEXT),
            column("topics", TEXT_ARRAY), column("metadata", JSON), column("at", TIMESTAMP)),
    MEMORY_SESSIONS("memory_sessions", "FROM memory_sessions WHERE %s", "tenant_id, session_id", "TRUE",
            column("tenant_id", TEXT), column("session_id", TEXT), column("user_id", TEXT), column("summary", TEXT),
            column("summary_tokens", INTEGER), column("created_at", TIMESTAMP), column("last_active_at", TIMESTAMP),
            column("expires_at", TIMESTAMP)),
    /** Written with their exported seq (part of the key); the import then moves the sequence past it. */
    MEMORY_SESSION_MESSAGES("memory_session_messages", "FROM memory_session_messages WHERE %s", "tenant_id, session_id, seq", "TRUE",
            column("tenant_id", TEXT), column("session_id", TEXT), column("seq", BIGINT), column("role", TEXT),
            column("content", TEXT), column("metadata", JSON), column("tokens", INTEGER), column("folded", BOOLEAN),
            column("created_at", TIMESTAMP)),
    MEMORY_ENTITIES("memory_entities", "FROM memory_entities WHERE %s", "id", "TRUE",
            column("id", TEXT), column("tenant_id", TEXT), column("user_id", TEXT), column("name", TEXT), column("type", TEXT),
            column("description", TEXT), column("attributes", JSON), column("embedding", EMBEDDING),
            column("created_at", TIMESTAMP), column("updated_at", TIMESTAMP)),
    /** An entity may have been skipped (the target has one of that name under another id); its relations then are too. */
    MEMORY_RELATIONS("memory_relations", "FROM memory_relations WHERE %s", "id",
            "EXISTS (SELECT 1 FROM memory_entities e WHERE e.id = r.source_id)"
                    + " AND EXISTS (SELECT 1 FROM memory_entities e WHERE e.id = r.target_id)",
            column("id", TEXT), column("tenant_id", TEXT), column("user_id", TEXT), column("source_id", TEXT),
            column("relation", TEXT), column("target_id", TEXT), column("attributes", JSON), column("created_at", TIMESTAMP)),
    TENANT_FEATURE_FLAGS("tenant_feature_flags", "FROM tenant_feature_flags WHERE %s", "tenant_id, feature", "TRUE",
            column("tenant_id", TEXT), column("feature", TEXT), column("enabled", BOOLEAN), column("updated_at", TIMESTAMP));

    record Column(String name, ColumnType type, boolean nullable) { }

    private final String tableName;
    private final String fromWhere;
    private final String orderBy;
    private final String insertGuard;
    private final List<Column> columns;

    MemoryTable(String tableName, String fromWhere, String orderBy, String insertGuard, Column... columns) {
        this.tableName = tableName;
        this.fromWhere = fromWhere;
        this.orderBy = orderBy;
        this.insertGuard = insertGuard;
        this.columns = List.of(columns);
    }

    private static Column column(String name, ColumnType type) {
        return new Column(name, type, false);
    }

    private static Column nullable(String name, ColumnType type) {
        return new Column(name, type, true);
    }

    /** The name in the database and in each line's {@code "table"}. */
    String tableName() {
        return tableName;
    }

    List<Column> columns() {
        return columns;
    }

    /** Whether rows carry a tenant id (checked against the manifest on import); history reaches its tenant through its memory. */
    boolean hasTenant() {
        return columns.stream().anyMatch(c -> c.name().equals("tenant_id"));
    }

    static Optional<MemoryTable> named(String name) {
        for (MemoryTable table : values()) {
            if (table.tableName.equals(name)) {
                return Optional.of(table);
            }
        }
        return Optional.empty();
    }

    /** @param tenantCondition {@code TRUE}, or {@code tenant_id = ?} with one parameter */
    String selectSql(String tenantCondition) {
        return "SELECT " + columnList("") + " " + fromWhere.formatted(tenantCondition) + " ORDER BY " + orderBy;
    }

    String countSql(String tenantCondition) {
        return "SELECT count(*) " + fromWhere.formatted(tenantCondition);
    }

    /** One row, cast to the column types; skipped when it exists already or when {@link #insertGuard} says so. */
    String insertSql() {
        String parameters = columns.stream().map(c -> "?::" + c.type().sqlType()).collect(Collectors.joining(", "));
        return "INSERT INTO " + tableName + " (" + columnList("") + ") SELECT " + columnList("r.") + " FROM (VALUES (" + parameters
                + ")) AS r (" + columnList("") + ") WHERE " + insertGuard + " ON CONFLICT DO NOTHING";
    }

    /** "memories 3, memory_history 5, …" for the commands' human output. */
    static String summary(java.util.Map<String, Long> rowsByTable) {
        return rowsByTable.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private String columnList(String prefix) {
        return columns.stream().map(c -> prefix + c.name()).collect(Collectors.joining(", "));
    }
}

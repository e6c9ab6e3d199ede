package dev.strata.service.memory.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * This instance's memory index against PostgreSQL: every memory must be indexed at its current
 * version, and nothing else may be (an orphan would be a deleted memory still searchable here). A
 * difference is confirmed by a second look after catching up the change feed, so a write racing the
 * check is not reported. {@code repair} re-applies the differing ids from PostgreSQL, which wins.
 */
@Component
public class IndexConsistency {

    /** What differs between the index entry and the memory row. */
    public enum Kind { MISSING, STALE, ORPHAN }

    /** One difference; {@code detail} names both versions, never the memory's text. */
    public record Difference(Kind kind, String tenantId, String userId, String id, String detail, boolean repaired) { }

    /** {@code compared}: memory rows read plus orphans found. */
    public record Report(long compared, List<Difference> differences) { }

    private record Row(String tenantId, String userId, long version) { }

    private final IndexSync sync;
    private final DataSource dataSource;

    public IndexConsistency(IndexSync sync, JdbcTemplate jdbc) {
        this.sync = sync;
        this.dataSource = jdbc.getDataSource();
    }

    /**
     * Compares one tenant, or every tenant (those in PostgreSQL and those the index still holds) one
     * after the other, so the memory it needs is that of the largest tenant's index entries.
     */
    public Report verify(String tenant, boolean repair) throws SQLException {
        if (tenant != null) {
            return verifyTenant(tenant, repair);
        }
        java.util.SortedSet<String> tenants = new java.util.TreeSet<>(sync.index().tenants());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT DISTINCT tenant_id FROM memories");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                tenants.add(rows.getString(1));
            }
        }
        long compared = 0;
        List<Difference> differences = new ArrayList<>();
        for (String each : tenants) {
            Report report = verifyTenant(each, repair);
            compared += report.compared();
            differences.addAll(report.differences());
        }
        return new Report(compared, differences);
    }

    private Report verifyTenant(String tenant, boolean repair) throws SQLException {
        sync.catchUp();
        Map<String, MemoryIndex.Entry> indexed = new HashMap<>(sync.index().entries(tenant));
        Map<String, Difference> suspects = new LinkedHashMap<>();
        long compared = 0;
        try (Connection connection = dataSource.getConnection()) {
            // A cursor (autocommit off, fetch size) so a million rows stream instead of loading at once.
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (PreparedStatement statement = connection.prepareStatement("SELECT id, tenant_id, user_id, version FROM memories WHERE tenant_id = ?")) {
                statement.setFetchSize(1000);
                statement.setString(1, tenant);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        compared++;
                        String id = rows.getString(1);
                        Difference difference = compare(id, new Row(rows.getString(2), rows.getString(3), rows.getLong(4)), indexed.remove(id));
                        if (difference != null) {
                            suspects.put(id, difference);
                        }
                    }
                }
            }
            connection.commit();
        }
        indexed.forEach((id, entry) -> suspects.put(id, compare(id, null, entry)));
        compared += indexed.size();
        if (suspects.isEmpty()) {
            return new Report(compared, List.of());
        }
        List<Difference> confirmed = recheck(suspects.keySet());
        if (repair && !confirmed.isEmpty()) {
            sync.apply(confirmed.stream().map(Difference::id).toList());
            List<Difference> left = recheck(confirmed.stream().map(Difference::id).toList());
            java.util.Set<String> unrepaired = new java.util.HashSet<>(left.stream().map(Difference::id).toList());
            confirmed = confirmed.stream().map(d -> new Difference(d.kind(), d.tenantId(), d.userId(), d.id(), d.detail(),
                    !unrepaired.contains(d.id()))).toList();
        }
        return new Report(compared, confirmed);
    }

    /** The differences of these ids that remain after applying every change committed so far. */
    private List<Difference> recheck(java.util.Collection<String> ids) throws SQLException {
        sync.catchUp();
        Map<String, MemoryIndex.Entry> indexed = sync.index().entries(ids);
        Map<String, Row> rows = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT id, tenant_id, user_id, version FROM memories WHERE id = ANY(?)")) {
            statement.setArray(1, connection.createArrayOf("text", ids.toArray()));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), new Row(result.getString(2), result.getString(3), result.getLong(4)));
                }
            }
        }
        List<Difference> differences = new ArrayList<>();
        for (String id : ids) {
            Difference difference = compare(id, rows.get(id), indexed.get(id));
            if (difference != null) {
                differences.add(difference);
            }
        }
        return differences;
    }

    private static Difference compare(String id, Row row, MemoryIndex.Entry entry) {
        if (row == null && entry == null) {
            return null;
        }
        if (entry == null) {
            return new Difference(Kind.MISSING, row.tenantId(), row.userId(), id, "durable v" + row.version() + ", not in the index", false);
        }
        if (row == null) {
            return new Difference(Kind.ORPHAN, entry.tenantId(), entry.userId(), id, "index v" + entry.version() + ", no durable row", false);
        }
        if (row.version() != entry.version()) {
            return new Difference(Kind.STALE, row.tenantId(), row.userId(), id,
                    "durable v" + row.version() + ", index v" + entry.version(), false);
        }
        return null;
    }
}

package dev.strata.service.memory.user;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** Everything stored about one user of a tenant, counted and erased in one place. */
@Repository
public class UserDataRepository {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ErasureNotices notices;

    public UserDataRepository(JdbcTemplate jdbc, TransactionTemplate transactions, ErasureNotices notices) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.notices = notices;
    }

    /** Row counts per table of the durable tier. */
    public Map<String, Integer> counts(String tenantId, String userId) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("memories", count("SELECT count(*) FROM memories WHERE tenant_id = ? AND user_id = ?", tenantId, userId));
        counts.put("memoryHistory", count("SELECT count(*) FROM memory_history h JOIN memories m ON m.id = h.memory_id "
                + "WHERE m.tenant_id = ? AND m.user_id = ?", tenantId, userId));
        counts.put("sessions", count("SELECT count(*) FROM memory_sessions WHERE tenant_id = ? AND user_id = ?", tenantId, userId));
        counts.put("sessionMessages", count("SELECT count(*) FROM memory_session_messages msg JOIN memory_sessions s "
                + "ON s.tenant_id = msg.tenant_id AND s.session_id = msg.session_id WHERE s.tenant_id = ? AND s.user_id = ?", tenantId, userId));
        counts.put("entities", count("SELECT count(*) FROM memory_entities WHERE tenant_id = ? AND user_id = ?", tenantId, userId));
        counts.put("relations", count("SELECT count(*) FROM memory_relations WHERE tenant_id = ? AND user_id = ?", tenantId, userId));
        return counts;
    }

    /** The erasure: counts what is there, deletes it in one transaction, returns the counts and the deleted memory ids. */
    public record Erased(Map<String, Integer> counts, List<String> memoryIds, List<String> sessionIds) { }

    public Erased erase(String tenantId, String userId) {
        return transactions.execute(status -> {
            Map<String, Integer> counts = counts(tenantId, userId);
            List<String> ids = jdbc.queryForList("DELETE FROM memories WHERE tenant_id = ? AND user_id = ? RETURNING id", String.class, tenantId, userId);
            List<String> sessionIds = jdbc.queryForList("DELETE FROM memory_sessions WHERE tenant_id = ? AND user_id = ? RETURNING session_id",
                    String.class, tenantId, userId);
            jdbc.update("DELETE FROM memory_relations WHERE tenant_id = ? AND user_id = ?", tenantId, userId);
            jdbc.update("DELETE FROM memory_entities WHERE tenant_id = ? AND user_id = ?", tenantId, userId);
            notices.announce(tenantId, sessionIds);
            return new Erased(counts, ids, sessionIds);
        });
    }

    public List<Map<String, Object>> topTopics(String tenantId, String userId, String column, int limit) {
        if (!column.equals("topics") && !column.equals("entities")) {
            throw new IllegalArgumentException(column);
        }
        return jdbc.queryForList("SELECT label AS name, count(*) AS count FROM memories, unnest(" + column + ") AS label "
                + "WHERE tenant_id = ? AND user_id = ? GROUP BY label ORDER BY count(*) DESC, label LIMIT ?", tenantId, userId, limit);
    }

    public Object lastActivity(String tenantId, String userId) {
        return jdbc.queryForObject("SELECT GREATEST((SELECT max(updated_at) FROM memories WHERE tenant_id = ? AND user_id = ?), "
                + "(SELECT max(last_active_at) FROM memory_sessions WHERE tenant_id = ? AND user_id = ?), "
                + "(SELECT max(updated_at) FROM memory_entities WHERE tenant_id = ? AND user_id = ?))",
                java.sql.Timestamp.class, tenantId, userId, tenantId, userId, tenantId, userId);
    }

    private int count(String sql, Object... args) {
        Integer count = jdbc.queryForObject(sql, Integer.class, args);
        return count == null ? 0 : count;
    }
}

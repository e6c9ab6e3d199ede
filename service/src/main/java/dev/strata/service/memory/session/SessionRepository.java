package dev.strata.service.memory.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Sessions and their messages in PostgreSQL (the durable tier: a restart loses nothing). */
@Repository
public class SessionRepository {

    private static final String SESSION_COLUMNS = "tenant_id, session_id, user_id, summary, summary_tokens, created_at, last_active_at, expires_at";
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public SessionRepository(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Creates the session or touches it; returns it as stored (its owner may differ from userId). */
    public Session touch(String tenantId, String sessionId, String userId, long ttlSeconds) {
        return jdbc.queryForObject("""
                INSERT INTO memory_sessions (tenant_id, session_id, user_id, expires_at) VALUES (?, ?, ?, now() + make_interval(secs => ?))
                ON CONFLICT (tenant_id, session_id) DO UPDATE SET
                    last_active_at = CASE WHEN memory_sessions.user_id = EXCLUDED.user_id THEN now() ELSE memory_sessions.last_active_at END,
                    expires_at = CASE WHEN memory_sessions.user_id = EXCLUDED.user_id THEN EXCLUDED.expires_at ELSE memory_sessions.expires_at END
                RETURNING\s""" + SESSION_COLUMNS, this::session, tenantId, sessionId, userId, (double) ttlSeconds);
    }

    public Optional<Session> find(String tenantId, String sessionId) {
        return jdbc.query("SELECT " + SESSION_COLUMNS + " FROM memory_sessions WHERE tenant_id = ? AND session_id = ?", this::session,
                tenantId, sessionId).stream().findFirst();
    }

    /** The session with its cache version, read in one statement (one snapshot). */
    public record Versioned(Session session, SessionCache.Version version) { }

    public Optional<Versioned> findVersioned(String tenantId, String sessionId) {
        return jdbc.query("SELECT " + SESSION_COLUMNS + ", (extract(epoch FROM created_at) * 1000000)::bigint AS created_micros, "
                        + "(SELECT coalesce(max(m.seq), 0) FROM memory_session_messages m WHERE m.tenant_id = s.tenant_id "
                        + "AND m.session_id = s.session_id) AS max_seq FROM memory_sessions s WHERE tenant_id = ? AND session_id = ?",
                (rs, row) -> new Versioned(session(rs, row), new SessionCache.Version(rs.getLong("created_micros"), rs.getLong("max_seq"))),
                tenantId, sessionId).stream().findFirst();
    }

    /**
     * All messages of the session with the version they belong to, read in one statement; absent
     * when the session is gone.
     */
    public SessionCache.Snapshot snapshot(String tenantId, String sessionId) {
        List<Object[]> rows = jdbc.query("""
                SELECT (extract(epoch FROM s.created_at) * 1000000)::bigint, m.seq, m.role, m.content, m.metadata::text, m.tokens, m.folded, m.created_at
                FROM memory_sessions s LEFT JOIN memory_session_messages m ON m.tenant_id = s.tenant_id AND m.session_id = s.session_id
                WHERE s.tenant_id = ? AND s.session_id = ? ORDER BY m.seq""",
                (rs, row) -> new Object[] {rs.getLong(1), rs.getObject(2) == null ? null : new SessionMessage(rs.getLong(2), rs.getString(3),
                        rs.getString(4), read(rs.getString(5)), rs.getInt(6), rs.getBoolean(7), rs.getTimestamp(8).toInstant())},
                tenantId, sessionId);
        if (rows.isEmpty()) {
            return new SessionCache.Snapshot(-1, -1, List.of());
        }
        List<SessionMessage> messages = rows.stream().filter(r -> r[1] != null).map(r -> (SessionMessage) r[1]).toList();
        long maxSeq = messages.isEmpty() ? 0 : messages.get(messages.size() - 1).seq();
        return new SessionCache.Snapshot((Long) rows.get(0)[0], maxSeq, messages);
    }

    public void extend(String tenantId, String sessionId, long ttlSeconds) {
        jdbc.update("UPDATE memory_sessions SET last_active_at = now(), expires_at = now() + make_interval(secs => ?) WHERE tenant_id = ? AND session_id = ?",
                (double) ttlSeconds, tenantId, sessionId);
    }

    public List<Session> ofUser(String tenantId, String userId) {
        return jdbc.query("SELECT " + SESSION_COLUMNS + " FROM memory_sessions WHERE tenant_id = ? AND user_id = ? ORDER BY last_active_at DESC",
                this::session, tenantId, userId);
    }

    public void append(String tenantId, String sessionId, Role role, String content, Map<String, Object> metadata, int tokens, Instant at) {
        jdbc.update("INSERT INTO memory_session_messages (tenant_id, session_id, role, content, metadata, tokens, created_at) VALUES (?, ?, ?, ?, ?::jsonb, ?, ?)",
                tenantId, sessionId, role.label(), content, write(metadata), tokens, Timestamp.from(at == null ? Instant.now() : at));
    }

    /** Recreates an exported session as it was (import); false when the id is taken in this tenant. */
    public boolean restore(String tenantId, String sessionId, String userId, String summary, int summaryTokens, Instant createdAt,
                           Instant lastActiveAt, long ttlSeconds) {
        return jdbc.update("""
                INSERT INTO memory_sessions (tenant_id, session_id, user_id, summary, summary_tokens, created_at, last_active_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, now() + make_interval(secs => ?)) ON CONFLICT DO NOTHING""",
                tenantId, sessionId, userId, summary, summaryTokens, Timestamp.from(createdAt), Timestamp.from(lastActiveAt), (double) ttlSeconds) > 0;
    }

    public void restoreMessage(String tenantId, String sessionId, Role role, String content, Map<String, Object> metadata, int tokens,
                               boolean folded, Instant at) {
        jdbc.update("INSERT INTO memory_session_messages (tenant_id, session_id, role, content, metadata, tokens, folded, created_at) "
                        + "VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?)",
                tenantId, sessionId, role.label(), content, write(metadata), tokens, folded, Timestamp.from(at));
    }

    public List<SessionMessage> messages(String tenantId, String sessionId, boolean includeFolded) {
        return jdbc.query("SELECT seq, role, content, metadata::text, tokens, folded, created_at FROM memory_session_messages "
                        + "WHERE tenant_id = ? AND session_id = ?" + (includeFolded ? "" : " AND NOT folded") + " ORDER BY seq",
                (rs, row) -> new SessionMessage(rs.getLong(1), rs.getString(2), rs.getString(3), read(rs.getString(4)), rs.getInt(5),
                        rs.getBoolean(6), rs.getTimestamp(7).toInstant()), tenantId, sessionId);
    }

    /** Marks messages up to {@code lastSeq} folded and stores the new summary. */
    public void fold(String tenantId, String sessionId, long lastSeq, String summary, int summaryTokens) {
        jdbc.update("UPDATE memory_session_messages SET folded = true WHERE tenant_id = ? AND session_id = ? AND seq <= ?", tenantId, sessionId, lastSeq);
        jdbc.update("UPDATE memory_sessions SET summary = ?, summary_tokens = ? WHERE tenant_id = ? AND session_id = ?",
                summary, summaryTokens, tenantId, sessionId);
    }

    /** Deletes a session and its messages; returns the number of messages removed, or -1 if absent. */
    public int delete(String tenantId, String sessionId) {
        Integer messages = jdbc.queryForObject("SELECT count(*) FROM memory_session_messages WHERE tenant_id = ? AND session_id = ?",
                Integer.class, tenantId, sessionId);
        int sessions = jdbc.update("DELETE FROM memory_sessions WHERE tenant_id = ? AND session_id = ?", tenantId, sessionId);
        return sessions == 0 ? -1 : messages;
    }

    /** Deletes the session unless it saw activity after {@code lastActiveAt} (a message raced the expiry). */
    public boolean deleteIfIdleSince(String tenantId, String sessionId, Instant lastActiveAt) {
        return jdbc.update("DELETE FROM memory_sessions WHERE tenant_id = ? AND session_id = ? AND last_active_at <= ?",
                tenantId, sessionId, Timestamp.from(lastActiveAt)) > 0;
    }

    /**
     * Claims up to {@code limit} expired sessions for consolidation by pushing their expiry five
     * minutes out; another instance's sweeper skips them, and a crash mid-way only delays them.
     */
    public List<Session> claimExpired(int limit) {
        return jdbc.query("""
                UPDATE memory_sessions SET expires_at = now() + interval '5 minutes'
                WHERE (tenant_id, session_id) IN (SELECT tenant_id, session_id FROM memory_sessions WHERE expires_at <= now()
                                                  ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING\s""" + SESSION_COLUMNS, this::session, limit);
    }

    private Session session(ResultSet rs, int row) throws SQLException {
        return new Session(rs.getString("tenant_id"), rs.getString("session_id"), rs.getString("user_id"), rs.getString("summary"),
                rs.getInt("summary_tokens"), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("last_active_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant());
    }

    private String write(Map<String, Object> metadata) {
        try {
            return json.writeValueAsString(metadata == null ? Map.of() : metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private com.fasterxml.jackson.databind.JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

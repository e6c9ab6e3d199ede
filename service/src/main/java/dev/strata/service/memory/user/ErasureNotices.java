package dev.strata.service.memory.user;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import dev.strata.service.memory.session.SessionCache;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code memory_erasure_notices} table: an erasure announced by one instance (or by the database,
 * for a deleted tenant) and read by every other. Each notice is handled once per instance; notices are
 * read by age rather than above a sequence number, because sequence numbers can commit out of order.
 */
@Component
public class ErasureNotices {

    /** What was erased: a user's sessions (by the hash of their ids), or a whole tenant. */
    public record Notice(long seq, String tenantId, boolean wholeTenant, java.util.Set<String> sessionHashes) { }

    /** Notices younger than this are read at every poll; one that is older was handled or is moot. */
    private static final String WINDOW = "10 minutes";
    private static final long FORGET_MS = 20 * 60_000;

    private final JdbcTemplate jdbc;
    private final String origin = "instance-" + UUID.randomUUID();
    /** Notice seq → when this instance handled it. */
    private final Map<Long, Long> handled = new HashMap<>();

    public ErasureNotices(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Announces a user's erasure; call it inside the erasing transaction, so the notice exists exactly
     * when the erasure does. The user is not named; the sessions only by {@link SessionCache#sessionHash}.
     */
    public void announce(String tenantId, List<String> sessionIds) {
        jdbc.update("INSERT INTO memory_erasure_notices (origin, tenant_id, session_hashes) VALUES (?, ?, ?::text[])",
                origin, tenantId, sessionIds.stream().map(SessionCache::sessionHash).toArray(String[]::new));
    }

    /** Notices from elsewhere this instance has not handled yet, each returned once. */
    public synchronized List<Notice> unhandled(long nowMs) {
        List<Notice> fresh = new ArrayList<>();
        jdbc.query("SELECT seq, tenant_id, whole_tenant, session_hashes FROM memory_erasure_notices WHERE origin <> ? AND at > now() - interval '"
                + WINDOW + "' ORDER BY seq", rs -> {
                    long seq = rs.getLong(1);
                    if (handled.putIfAbsent(seq, nowMs) == null) {
                        fresh.add(new Notice(seq, rs.getString(2), rs.getBoolean(3), java.util.Set.of((String[]) rs.getArray(4).getArray())));
                    }
                }, origin);
        handled.values().removeIf(at -> nowMs - at > FORGET_MS);
        return fresh;
    }

    /** Drops notices older than an hour. */
    public void prune() {
        jdbc.update("DELETE FROM memory_erasure_notices WHERE at < now() - interval '1 hour'");
    }
}

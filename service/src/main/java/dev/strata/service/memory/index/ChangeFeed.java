package dev.strata.service.memory.index;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Follows {@code memory_changes}. Sequence numbers are handed out before commit, so a smaller one
 * can become visible after a larger one; a plain high-water mark would skip it. The feed keeps its
 * mark below the first gap and re-reads the gap until it fills or is {@link #GAP_PATIENCE_MS} old
 * (then it belonged to a rolled-back transaction).
 */
public final class ChangeFeed {

    static final long GAP_PATIENCE_MS = 10_000;

    private final JdbcTemplate jdbc;
    private volatile long watermark;
    /** Changes read above the watermark, with when they were first read. */
    private final TreeMap<Long, Long> seenAbove = new TreeMap<>();

    public ChangeFeed(JdbcTemplate jdbc, long watermark) {
        this.jdbc = jdbc;
        this.watermark = watermark;
    }

    /**
     * Where a follower starts when a rebuild starts now: before every change of the last 30 s, so
     * a transaction still open during the scan is replayed afterwards (replays are idempotent).
     */
    public static long startFor(JdbcTemplate jdbc) {
        Long start = jdbc.queryForObject("SELECT COALESCE((SELECT MIN(seq) - 1 FROM memory_changes WHERE at > now() - interval '30 seconds'),"
                + " (SELECT MAX(seq) FROM memory_changes), 0)", Long.class);
        return start == null ? 0 : start;
    }

    /** Ids of memories changed since the last call (each at most once). */
    public List<String> poll(long nowMs) {
        record Change(long seq, String memoryId) { }
        List<Change> changes = jdbc.query("SELECT seq, memory_id FROM memory_changes WHERE seq > ? ORDER BY seq LIMIT 5000",
                (rs, row) -> new Change(rs.getLong(1), rs.getString(2)), watermark);
        Set<String> ids = new LinkedHashSet<>();
        for (Change change : changes) {
            if (seenAbove.putIfAbsent(change.seq(), nowMs) == null) {
                ids.add(change.memoryId());
            }
        }
        advance(nowMs);
        return new ArrayList<>(ids);
    }

    private void advance(long nowMs) {
        while (!seenAbove.isEmpty()) {
            Map.Entry<Long, Long> first = seenAbove.firstEntry();
            if (first.getKey() == watermark + 1) {
                seenAbove.pollFirstEntry();
                watermark = first.getKey();
            } else if (nowMs - first.getValue() >= GAP_PATIENCE_MS) {
                // A change above the gap committed that long ago; what is missing below it was rolled back.
                watermark = first.getKey() - 1;
            } else {
                return;
            }
        }
    }

    public long watermark() {
        return watermark;
    }
}

package dev.strata.service.memory.user;

import dev.strata.service.memory.index.IndexSync;
import dev.strata.service.memory.session.SessionCache;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Applies other instances' erasures here, once a second: the erased sessions leave this instance's
 * session cache (they could not be served anyway: every read checks PostgreSQL first, but they
 * should not stay in memory), and the index files are rewritten without the erased memories (the
 * change feed has already removed them from search; a delete only marks them in the files).
 */
@Component
public class ErasureFollower {

    private static final Logger log = LoggerFactory.getLogger(ErasureFollower.class);
    private static final long PRUNE_EVERY_MS = 60_000;

    private final ErasureNotices notices;
    private final SessionCache sessions;
    private final IndexSync index;
    private long lastPruneMs;

    public ErasureFollower(ErasureNotices notices, SessionCache sessions, IndexSync index) {
        this.notices = notices;
        this.sessions = sessions;
        this.index = index;
    }

    @Scheduled(fixedDelay = 1000, initialDelay = 1000)
    public void poll() {
        try {
            long now = System.currentTimeMillis();
            apply(notices.unhandled(now));
            if (now - lastPruneMs > PRUNE_EVERY_MS) {
                notices.prune();
                lastPruneMs = now;
            }
        } catch (RuntimeException e) {
            // PostgreSQL away: the notices wait in the table; the next poll reads them.
            log.debug("Erasure notices could not be read: {}", e.getMessage());
        }
    }

    void apply(List<ErasureNotices.Notice> fresh) {
        if (fresh.isEmpty()) {
            return;
        }
        for (ErasureNotices.Notice notice : fresh) {
            sessions.evictHot(notice.tenantId(), sessionId -> notice.wholeTenant() || notice.sessionHashes().contains(SessionCache.sessionHash(sessionId)));
        }
        // The deletions themselves arrive through the change feed: apply them now, then rewrite the files.
        index.catchUp();
        index.purgeDeletedSoon();
        log.info("Applied {} erasure notice(s) from other instances: cached sessions dropped, index files being rewritten", fresh.size());
    }
}

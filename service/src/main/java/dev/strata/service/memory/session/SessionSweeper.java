package dev.strata.service.memory.session;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Consolidates sessions whose TTL ran out; any instance may do it, each session once. */
@Component
public class SessionSweeper {

    private static final Logger log = LoggerFactory.getLogger(SessionSweeper.class);
    private final SessionRepository repository;
    private final SessionService sessions;

    public SessionSweeper(SessionRepository repository, SessionService sessions) {
        this.repository = repository;
        this.sessions = sessions;
    }

    @Scheduled(fixedDelayString = "${strata.memory.session-sweep-ms:30000}", initialDelayString = "${strata.memory.session-sweep-ms:30000}")
    public void sweep() {
        try {
            List<Session> expired;
            do {
                expired = repository.claimExpired(20);
                for (Session session : expired) {
                    sessions.consolidate(session);
                }
            } while (expired.size() == 20);
        } catch (RuntimeException e) {
            // Claimed sessions come back after their five-minute claim; nothing is lost.
            log.warn("Expired sessions could not be consolidated yet: {}", e.getMessage());
        }
    }
}

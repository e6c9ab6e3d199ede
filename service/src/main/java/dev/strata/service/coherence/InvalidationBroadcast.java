package dev.strata.service.coherence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Tells running servers, from outside them (the admin tools), that items changed: the invalidations go
 * out over PostgreSQL NOTIFY, which every instance listens to whether or not Redis is configured, so
 * hot tiers drop their copies at once instead of after strata.hot.max-staleness-seconds.
 */
public final class InvalidationBroadcast {

    /** Same bound as the server's own sender: PostgreSQL's NOTIFY payload limit is 8000 bytes. */
    private static final int MAX_MESSAGE_CHARS = 7000;

    private InvalidationBroadcast() {
    }

    /** An origin id for one admin run, so servers never mistake its messages for their own. */
    public static String newOrigin() {
        return "admin-" + UUID.randomUUID();
    }

    public static void publish(DataSource dataSource, List<Invalidation> invalidations) throws SQLException {
        if (invalidations.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement notify = connection.prepareStatement("SELECT pg_notify('" + PostgresNotifyTransport.CHANNEL + "', ?)")) {
            List<Invalidation> message = new ArrayList<>();
            int chars = 0;
            for (Invalidation invalidation : invalidations) {
                int length = invalidation.encode().length() + 1;
                if (chars + length > MAX_MESSAGE_CHARS && !message.isEmpty()) {
                    send(notify, message);
                    message.clear();
                    chars = 0;
                }
                message.add(invalidation);
                chars += length;
            }
            send(notify, message);
        }
    }

    private static void send(PreparedStatement notify, List<Invalidation> message) throws SQLException {
        notify.setString(1, Invalidation.encodeAll(message));
        notify.execute();
    }
}

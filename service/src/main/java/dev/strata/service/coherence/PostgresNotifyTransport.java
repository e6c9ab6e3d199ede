package dev.strata.service.coherence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Invalidations over PostgreSQL LISTEN/NOTIFY: always listened to, published when Redis is not attached. */
final class PostgresNotifyTransport implements InvalidationTransport {

    private static final Logger log = LoggerFactory.getLogger(PostgresNotifyTransport.class);
    static final String CHANNEL = "strata_invalidate";

    private final DataSource dataSource;
    private volatile boolean running = true;
    private Thread listener;

    PostgresNotifyTransport(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean isUsable() {
        return true;
    }

    @Override
    public void publish(String message) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
            statement.setString(1, message);
            statement.execute();
        }
    }

    @Override
    public void listen(Consumer<String> onMessage, Runnable onResubscribed) {
        listener = Thread.ofPlatform().name("strata-invalidation-postgres").daemon().start(() -> {
            while (running) {
                // A dedicated connection held for LISTEN; it goes back to the pool only on failure.
                try (Connection connection = dataSource.getConnection()) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("LISTEN " + CHANNEL);
                    }
                    onResubscribed.run();
                    PGConnection pg = connection.unwrap(PGConnection.class);
                    while (running) {
                        PGNotification[] notifications = pg.getNotifications(500);
                        if (notifications != null) {
                            for (PGNotification notification : notifications) {
                                onMessage.accept(notification.getParameter());
                            }
                        }
                    }
                } catch (SQLException | RuntimeException e) {
                    if (running) {
                        log.debug("PostgreSQL invalidation listener lost: {}", e.getMessage());
                        try {
                            Thread.sleep(500);
                        } catch (InterruptedException interrupted) {
                            return;
                        }
                    }
                }
            }
        });
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public void close() {
        running = false;
        if (listener != null) {
            try {
                listener.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

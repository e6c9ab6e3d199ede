package dev.strata.service.coherence;

import java.util.function.Consumer;

/** One way to broadcast invalidations between instances (Redis pub/sub or PostgreSQL NOTIFY). */
interface InvalidationTransport extends AutoCloseable {

    /** Whether a publish is likely to get through right now. */
    boolean isUsable();

    /** Sends one message holding one or more encoded invalidations; throws when it did not go out. */
    void publish(String message) throws Exception;

    /**
     * Starts listening in the background. {@code onMessage} gets each message; {@code onResubscribed}
     * runs after every (re)connection, because messages sent while disconnected are lost.
     */
    void listen(Consumer<String> onMessage, Runnable onResubscribed);

    String name();

    @Override
    void close();
}

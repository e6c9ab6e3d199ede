package dev.strata.service.coherence;

import dev.strata.service.tier.warm.RedisWarmTier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;

/** Invalidations over Redis pub/sub, used while the warm tier is attached. */
final class RedisPubSubTransport implements InvalidationTransport {

    private static final Logger log = LoggerFactory.getLogger(RedisPubSubTransport.class);
    static final String CHANNEL = "strata:invalidate";

    private final RedisWarmTier warmTier;
    private volatile boolean running = true;
    private volatile JedisPubSub subscription;
    private Thread listener;

    RedisPubSubTransport(RedisWarmTier warmTier) {
        this.warmTier = warmTier;
    }

    @Override
    public boolean isUsable() {
        return warmTier.isAvailable();
    }

    @Override
    public void publish(String message) {
        warmTier.client().publish(CHANNEL, message);
    }

    @Override
    public void listen(Consumer<String> onMessage, Runnable onResubscribed) {
        listener = Thread.ofPlatform().name("strata-invalidation-redis").daemon().start(() -> {
            while (running) {
                JedisPubSub pubSub = new JedisPubSub() {
                    @Override
                    public void onMessage(String channel, String message) {
                        onMessage.accept(message);
                    }

                    @Override
                    public void onSubscribe(String channel, int subscribedChannels) {
                        onResubscribed.run();
                    }
                };
                subscription = pubSub;
                try {
                    warmTier.client().subscribe(pubSub, CHANNEL);
                } catch (RuntimeException e) {
                    if (running) {
                        log.debug("Redis invalidation subscription lost: {}", e.getMessage());
                        sleepQuietly(500);
                    }
                }
            }
        });
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public void close() {
        running = false;
        JedisPubSub current = subscription;
        if (current != null && current.isSubscribed()) {
            try {
                current.unsubscribe();
            } catch (RuntimeException ignored) {
                // connection already gone
            }
        }
        if (listener != null) {
            listener.interrupt();
        }
    }
}

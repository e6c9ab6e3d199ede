package dev.strata.service.coherence;

import dev.strata.service.kv.ItemKey;
import dev.strata.service.observability.StrataMetrics;
import dev.strata.service.tier.hot.HotTier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps other instances' hot tiers from serving values this instance has replaced or deleted.
 * Writers enqueue invalidations (no I/O on the request path); one publisher thread sends whatever has
 * queued as a single message, over Redis pub/sub while the warm tier is attached and over PostgreSQL
 * NOTIFY otherwise. Every instance listens on both, so a message gets through whichever way it went.
 * After any listener (re)connects, the local hot tier is cleared, since messages may have been missed.
 */
public final class CoherenceService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CoherenceService.class);
    /** PostgreSQL's NOTIFY payload limit is 8000 bytes; stay well below. */
    private static final int MAX_MESSAGE_CHARS = 7000;

    private final String instanceId = UUID.randomUUID().toString();
    private final HotTier hotTier;
    private final List<InvalidationTransport> transports;
    private final LinkedBlockingQueue<Invalidation> outbox = new LinkedBlockingQueue<>(1_000_000);
    private final Counter published;
    private final Counter received;
    private final Counter applied;
    private final Thread publisher;
    private volatile boolean running = true;

    CoherenceService(HotTier hotTier, List<InvalidationTransport> transportsInPreferenceOrder, MeterRegistry registry) {
        this.hotTier = hotTier;
        this.transports = List.copyOf(transportsInPreferenceOrder);
        this.published = counter(registry, "published");
        this.received = counter(registry, "received");
        this.applied = counter(registry, "applied");
        for (InvalidationTransport transport : transports) {
            transport.listen(this::onMessage, this::onResubscribed);
        }
        this.publisher = Thread.ofPlatform().name("strata-invalidation-publisher").daemon().start(this::publishLoop);
        log.info("Cross-instance invalidation over {} (instance {})",
                transports.stream().map(InvalidationTransport::name).toList(), instanceId);
    }

    private static Counter counter(MeterRegistry registry, String direction) {
        return Counter.builder(StrataMetrics.INVALIDATIONS).tag("direction", direction)
                .description("Cross-instance hot-tier invalidations").register(registry);
    }

    public String instanceId() {
        return instanceId;
    }

    /** Tells other instances that {@code key} changed to (or was deleted at) {@code version}. */
    public void itemChanged(ItemKey key, long version) {
        enqueue(Invalidation.ofItem(instanceId, key, version));
    }

    /** Tells other instances that a tenant and all its data are gone. */
    public void tenantDeleted(String tenant) {
        enqueue(Invalidation.ofTenant(instanceId, tenant));
    }

    private void enqueue(Invalidation invalidation) {
        if (!outbox.offer(invalidation)) {
            // Never block a write on coherence; the max-staleness bound still applies.
            log.warn("Invalidation outbox full; dropping an invalidation for tenant {}", invalidation.tenant());
        }
    }

    private void publishLoop() {
        List<Invalidation> batch = new ArrayList<>();
        while (running || !outbox.isEmpty()) {
            try {
                Invalidation first = outbox.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                int chars = first.encode().length();
                Invalidation next;
                while (chars < MAX_MESSAGE_CHARS && (next = outbox.poll()) != null) {
                    batch.add(next);
                    chars += next.encode().length() + 1;
                }
                send(Invalidation.encodeAll(batch), batch.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void send(String message, int count) {
        for (InvalidationTransport transport : transports) {
            if (!transport.isUsable()) {
                continue;
            }
            try {
                transport.publish(message);
                published.increment(count);
                return;
            } catch (Exception e) {
                log.debug("Publishing invalidations over {} failed: {}", transport.name(), e.getMessage());
            }
        }
        log.warn("Could not publish {} invalidations over any transport; other instances rely on max-staleness", count);
    }

    private void onMessage(String message) {
        for (Invalidation invalidation : Invalidation.decodeAll(message)) {
            if (invalidation.origin().equals(instanceId)) {
                continue;
            }
            received.increment();
            if (invalidation.isTenantWide()) {
                hotTier.removeTenant(invalidation.tenant());
            } else {
                hotTier.invalidate(invalidation.itemKey(), invalidation.version());
            }
            applied.increment();
        }
    }

    private void onResubscribed() {
        hotTier.clear();
    }

    @Override
    public void close() {
        running = false;
        try {
            publisher.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        transports.forEach(InvalidationTransport::close);
    }
}

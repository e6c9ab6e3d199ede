package dev.strata.service.kv;

import dev.strata.service.api.ApiException;
import dev.strata.service.coherence.CoherenceService;
import dev.strata.service.observability.TierMetrics;
import dev.strata.service.observability.TierMetrics.Operation;
import dev.strata.service.tier.Tier;
import dev.strata.service.tier.durable.DurableTier;
import dev.strata.service.tier.durable.Precondition;
import dev.strata.service.tier.durable.WriteOp;
import dev.strata.service.tier.durable.WriteResult;
import dev.strata.service.tier.hot.HotTier;
import dev.strata.service.tier.warm.WarmTier;
import dev.strata.service.tier.warm.WarmTier.EphemeralOutcome;
import java.util.concurrent.CompletionException;
import org.springframework.stereotype.Service;

/**
 * The tiered store: reads go hot → warm → durable and promote on the way back; durable writes are
 * acknowledged only after PostgreSQL committed them, then copied into Redis and the local hot tier,
 * and announced to the other instances.
 */
@Service
public class KvService {

    private final HotTier hot;
    private final WarmTier warm;
    private final DurableTier durable;
    private final CoherenceService coherence;
    private final VersionClock versions;
    private final TierMetrics metrics;

    public KvService(HotTier hot, WarmTier warm, DurableTier durable, CoherenceService coherence, VersionClock versions,
                     TierMetrics metrics) {
        this.hot = hot;
        this.warm = warm;
        this.durable = durable;
        this.coherence = coherence;
        this.versions = versions;
        this.metrics = metrics;
    }

    /** The live item, or null. */
    public ReadResult get(ItemKey key) {
        // Hot reads are timed 1 in 16: timing every one doubled the cost of a hot hit (HotTierBenchmark).
        boolean timed = metrics.sampleHotRead();
        long start = timed ? System.nanoTime() : 0;
        StoredItem item = hot.get(key);
        if (timed) {
            metrics.recordNanos(Tier.HOT, Operation.GET, System.nanoTime() - start);
        }
        if (item != null) {
            metrics.hit(Tier.HOT, key.tenant());
            return new ReadResult(item, Tier.HOT);
        }
        long afterHot = System.nanoTime();
        metrics.miss(Tier.HOT, key.tenant());
        if (warm.isAvailable()) {
            item = warm.get(key);
            long afterWarm = System.nanoTime();
            metrics.recordNanos(Tier.WARM, Operation.GET, afterWarm - afterHot);
            if (item != null) {
                metrics.hit(Tier.WARM, key.tenant());
                hot.put(key, item);
                metrics.promotedWarmToHot();
                return new ReadResult(item, Tier.WARM);
            }
            metrics.miss(Tier.WARM, key.tenant());
        }
        long beforeDurable = System.nanoTime();
        item = durable.read(key);
        metrics.recordNanos(Tier.DURABLE, Operation.GET, System.nanoTime() - beforeDurable);
        if (item == null) {
            metrics.miss(Tier.DURABLE, key.tenant());
            return null;
        }
        metrics.hit(Tier.DURABLE, key.tenant());
        if (warm.isAvailable()) {
            warm.store(key, item);
            metrics.promotedDurableToWarm();
        }
        hot.put(key, item);
        metrics.promotedDurableToHot();
        return new ReadResult(item, Tier.DURABLE);
    }

    /** Stores a JSON value; {@code ttlSeconds} 0 means no expiry. */
    public WriteReceipt put(ItemKey key, byte[] json, long ttlSeconds, boolean ephemeral, Precondition precondition) {
        long expiresAtMs = ttlSeconds == 0 ? 0 : System.currentTimeMillis() + ttlSeconds * 1000;
        return ephemeral ? putEphemeral(key, json, expiresAtMs, precondition) : putDurable(key, json, expiresAtMs, precondition);
    }

    private WriteReceipt putDurable(ItemKey key, byte[] json, long expiresAtMs, Precondition precondition) {
        long start = System.nanoTime();
        WriteResult result = await(durable.write(new WriteOp.Put(key, json, expiresAtMs, versions.next(), precondition)));
        metrics.recordNanos(Tier.DURABLE, Operation.PUT, System.nanoTime() - start);
        if (!(result instanceof WriteResult.Applied applied)) {
            throw ApiException.preconditionFailed(describe(precondition));
        }
        StoredItem item = new StoredItem(json, applied.version(), expiresAtMs, false);
        long beforeWarm = System.nanoTime();
        warm.store(key, item);
        if (warm.isEnabled()) {
            metrics.recordNanos(Tier.WARM, Operation.PUT, System.nanoTime() - beforeWarm);
        }
        hot.put(key, item);
        coherence.itemChanged(key, applied.version());
        return new WriteReceipt(applied.version(), expiresAtMs, true);
    }

    private WriteReceipt putEphemeral(ItemKey key, byte[] json, long expiresAtMs, Precondition precondition) {
        long proposed = versions.next();
        EphemeralOutcome outcome = warm.putEphemeral(key, json, expiresAtMs, proposed, precondition);
        long version = switch (outcome) {
            case EphemeralOutcome.Written written -> written.version();
            case EphemeralOutcome.PreconditionFailed failed -> throw ApiException.preconditionFailed(describe(precondition));
            case EphemeralOutcome.NotFound notFound -> throw ApiException.preconditionFailed(describe(precondition));
            case EphemeralOutcome.Unavailable unavailable -> {
                // No shared tier: the item lives in this instance's hot tier only (best effort, documented).
                checkAgainstHot(key, precondition);
                yield proposed;
            }
        };
        StoredItem item = new StoredItem(json, version, expiresAtMs, true);
        hot.put(key, item);
        coherence.itemChanged(key, version);
        return new WriteReceipt(version, expiresAtMs, false);
    }

    private void checkAgainstHot(ItemKey key, Precondition precondition) {
        StoredItem current = hot.get(key);
        boolean holds = switch (precondition) {
            case Precondition.None none -> true;
            case Precondition.Exists exists -> current != null;
            case Precondition.Absent absent -> current == null;
            case Precondition.VersionIs versionIs -> current != null && current.version() == versionIs.version();
        };
        if (!holds) {
            throw ApiException.preconditionFailed(describe(precondition));
        }
    }

    /** Deletes an item; returns the version of the deletion. */
    public long delete(ItemKey key, Precondition precondition) {
        ReadResult visible = get(key);
        if (visible != null && visible.item().ephemeral()) {
            return deleteEphemeral(key, precondition);
        }
        long start = System.nanoTime();
        WriteResult result = await(durable.write(new WriteOp.Delete(key, versions.next(), precondition)));
        metrics.recordNanos(Tier.DURABLE, Operation.DELETE, System.nanoTime() - start);
        return switch (result) {
            case WriteResult.Applied applied -> {
                warm.tombstone(key, applied.version());
                hot.remove(key);
                coherence.itemChanged(key, applied.version());
                yield applied.version();
            }
            case WriteResult.NotFound notFound -> throw ApiException.notFound("No item " + key.namespace() + "/" + key.key() + ".");
            case WriteResult.PreconditionFailed failed -> throw ApiException.preconditionFailed(describe(precondition));
        };
    }

    private long deleteEphemeral(ItemKey key, Precondition precondition) {
        long proposed = versions.next();
        EphemeralOutcome outcome = warm.deleteEphemeral(key, proposed, precondition);
        long version = switch (outcome) {
            case EphemeralOutcome.Written written -> written.version();
            case EphemeralOutcome.PreconditionFailed failed -> throw ApiException.preconditionFailed(describe(precondition));
            case EphemeralOutcome.NotFound notFound -> throw ApiException.notFound("No item " + key.namespace() + "/" + key.key() + ".");
            case EphemeralOutcome.Unavailable unavailable -> {
                checkAgainstHot(key, precondition);
                yield proposed;
            }
        };
        hot.remove(key);
        coherence.itemChanged(key, version);
        return version;
    }

    private static String describe(Precondition precondition) {
        return switch (precondition) {
            case Precondition.VersionIs v -> "The item's current version is not " + v.version() + " (If-Match).";
            case Precondition.Exists e -> "The item does not exist (If-Match: *).";
            case Precondition.Absent a -> "The item already exists (If-None-Match: *).";
            case Precondition.None n -> "The write's precondition did not hold.";
        };
    }

    static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}

package dev.strata.service.kv;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Proposes item versions: microseconds since the epoch, strictly increasing within this instance.
 * The durable tier turns a proposal into the stored version with
 * {@code GREATEST(previous + 1, proposal)}, so versions of one key always increase, whatever the
 * clock skew between instances; the warm tier relies on that order to refuse stale writes.
 */
@Component
public class VersionClock {

    private final AtomicLong last = new AtomicLong();

    public long next() {
        long nowMicros = System.currentTimeMillis() * 1000;
        return last.accumulateAndGet(nowMicros, (prev, now) -> Math.max(prev + 1, now));
    }
}

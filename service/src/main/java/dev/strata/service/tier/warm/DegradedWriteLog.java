package dev.strata.service.tier.warm;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keys written while Redis was unreachable. Redis may come back holding older copies of them
 * (it persisted, or only the network broke); those copies are dropped before the tier is used
 * again. Past {@code capacity} keys the log gives up on precision and asks for a full flush of
 * Strata's keys instead.
 */
final class DegradedWriteLog {

    private final Set<ByteBuffer> keys = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private final int capacity;

    DegradedWriteLog(int capacity) {
        this.capacity = capacity;
    }

    void record(byte[] key) {
        if (overflowed.get()) {
            return;
        }
        if (keys.size() >= capacity) {
            overflowed.set(true);
            keys.clear();
            return;
        }
        keys.add(ByteBuffer.wrap(key));
    }

    boolean overflowed() {
        return overflowed.get();
    }

    List<byte[]> drain() {
        List<byte[]> drained = new ArrayList<>(keys.size());
        for (ByteBuffer key : keys) {
            drained.add(key.array());
        }
        keys.clear();
        return drained;
    }

    void reset() {
        keys.clear();
        overflowed.set(false);
    }
}

package dev.strata.service.durability;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * What the clients know about every key: its last acknowledged write (sequence number and version)
 * and the one write that was sent but never answered, if any. Each key is written by one client
 * thread at a time, so after a crash a key may legally hold only its acknowledged write or that
 * unanswered one — never an older version, never anything else.
 */
final class WriteLedger {

    private record Acknowledged(long seq, long version) { }

    private static final class KeyState {
        private Acknowledged acknowledged;
        private long unansweredSeq = -1;
    }

    private final Map<String, KeyState> keys = new ConcurrentHashMap<>();
    private final AtomicInteger unansweredButCommitted = new AtomicInteger();

    /** The value written as the {@code seq}-th write of {@code key}; deterministic so it can be checked byte for byte. */
    static String body(String key, long seq) {
        int padLength = 64 + (int) ((seq * 7919 + key.hashCode()) & 0x7ff);
        StringBuilder pad = new StringBuilder(padLength);
        for (int i = 0; i < padLength; i++) {
            pad.append((char) ('a' + (i * 31 + seq) % 26));
        }
        return "{\"key\":\"" + key + "\",\"seq\":" + seq + ",\"pad\":\"" + pad + "\"}";
    }

    void sending(String key, long seq) {
        KeyState state = keys.computeIfAbsent(key, k -> new KeyState());
        synchronized (state) {
            state.unansweredSeq = seq;
        }
    }

    void acknowledged(String key, long seq, long version) {
        KeyState state = keys.get(key);
        synchronized (state) {
            state.acknowledged = new Acknowledged(seq, version);
            state.unansweredSeq = -1;
        }
    }

    Set<String> acknowledgedKeys() {
        return keys.entrySet().stream().filter(e -> e.getValue().acknowledged != null).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    Set<String> allKeys() {
        return Set.copyOf(keys.keySet());
    }

    /**
     * Checks what the server holds for {@code key} ({@code storedSeq} -1 when absent) and, when it is
     * the unanswered write, adopts it as acknowledged so later rounds are checked against it.
     * Returns a description of the violation, or null.
     */
    String reconcile(String key, long storedSeq, long storedVersion) {
        KeyState state = keys.get(key);
        synchronized (state) {
            Acknowledged ack = state.acknowledged;
            long unanswered = state.unansweredSeq;
            state.unansweredSeq = -1;
            if (storedSeq < 0) {
                return ack == null ? null : key + ": acknowledged write " + ack + " is missing";
            }
            if (ack != null && storedSeq == ack.seq()) {
                return storedVersion == ack.version() ? null
                        : key + ": holds seq " + storedSeq + " at version " + storedVersion + ", acknowledged at " + ack.version();
            }
            if (storedSeq == unanswered && (ack == null || storedVersion > ack.version())) {
                state.acknowledged = new Acknowledged(storedSeq, storedVersion);
                unansweredButCommitted.incrementAndGet();
                return null;
            }
            return key + ": holds seq " + storedSeq + " v" + storedVersion + "; allowed: " + ack + " or unanswered seq " + unanswered;
        }
    }

    /** Writes whose answer was lost in a crash but which had committed (found whole after the restart). */
    int unansweredButCommitted() {
        return unansweredButCommitted.get();
    }

    /** Next sequence number for a key: after everything acknowledged or sent so far. */
    long nextSeq(String key) {
        KeyState state = keys.get(key);
        if (state == null) {
            return 1;
        }
        synchronized (state) {
            long acknowledged = state.acknowledged == null ? 0 : state.acknowledged.seq();
            return Math.max(acknowledged, state.unansweredSeq) + 1;
        }
    }
}

package dev.strata.monitoring.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;

/** Polls a condition once a second; fails with the last observation when time runs out. */
final class Eventually {

    private Eventually() {
    }

    /**
     * Returns the first value of {@code probe} that {@code check} has no complaint about (null); a
     * probe that throws counts as a complaint, so "not up yet" needs no special casing.
     */
    static <T> T await(String what, Duration timeout, Supplier<T> probe, Function<T, String> check) {
        Instant deadline = Instant.now().plus(timeout);
        String complaint;
        T value;
        do {
            try {
                value = probe.get();
                complaint = check.apply(value);
            } catch (RuntimeException e) {
                value = null;
                complaint = e.toString();
            }
            if (complaint == null) {
                return value;
            }
            sleepOneSecond();
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("timed out after " + timeout + " waiting for " + what + ": " + complaint);
    }

    private static void sleepOneSecond() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}

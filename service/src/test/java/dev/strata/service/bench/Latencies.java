package dev.strata.service.bench;

import java.util.Arrays;

/** Collects per-operation latencies (nanoseconds) from one thread; merged and summarised at the end. */
public final class Latencies {

    private long[] samples = new long[1 << 16];
    private int count;

    public void record(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, samples.length * 2);
        }
        samples[count++] = nanos;
    }

    public int count() {
        return count;
    }

    /** Percentiles in milliseconds over all given recorders: p50, p99, max. */
    public static double[] percentilesMs(Iterable<Latencies> all) {
        int total = 0;
        for (Latencies l : all) {
            total += l.count;
        }
        long[] merged = new long[total];
        int at = 0;
        for (Latencies l : all) {
            System.arraycopy(l.samples, 0, merged, at, l.count);
            at += l.count;
        }
        Arrays.sort(merged);
        if (total == 0) {
            return new double[] {0, 0, 0};
        }
        return new double[] {merged[(int) (total * 0.50)] / 1e6, merged[Math.min(total - 1, (int) (total * 0.99))] / 1e6,
                merged[total - 1] / 1e6};
    }
}

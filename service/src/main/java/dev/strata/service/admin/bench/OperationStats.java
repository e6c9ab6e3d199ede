package dev.strata.service.admin.bench;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Latency histograms (1 µs .. 60 s, 3 significant digits) and error counts per operation, safe for many recorders. */
final class OperationStats {

    private final Map<Workload.Op, Recorder> recorders = new EnumMap<>(Workload.Op.class);
    private final Map<Workload.Op, LongAdder> errors = new EnumMap<>(Workload.Op.class);

    OperationStats() {
        for (Workload.Op op : Workload.Op.values()) {
            recorders.put(op, new Recorder(60_000_000_000L, 3));
            errors.put(op, new LongAdder());
        }
    }

    void record(Workload.Op op, long nanos, boolean ok) {
        recorders.get(op).recordValue(Math.max(1_000, Math.min(nanos, 60_000_000_000L)));
        if (!ok) {
            errors.get(op).increment();
        }
    }

    long errors() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** One row per operation that ran, plus "all". Call once, after recording stopped. */
    Map<String, Map<String, Object>> summary(double seconds) {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        Histogram all = new Histogram(60_000_000_000L, 3);
        long allErrors = 0;
        for (Workload.Op op : Workload.Op.values()) {
            Histogram histogram = recorders.get(op).getIntervalHistogram();
            if (histogram.getTotalCount() == 0) {
                continue;
            }
            all.add(histogram);
            long opErrors = errors.get(op).sum();
            allErrors += opErrors;
            rows.put(op.label(), row(histogram, seconds, opErrors));
        }
        rows.put("all", row(all, seconds, allErrors));
        return rows;
    }

    private static Map<String, Object> row(Histogram histogram, double seconds, long errors) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("count", histogram.getTotalCount());
        row.put("opsPerSecond", histogram.getTotalCount() / seconds);
        row.put("p50Ms", ms(histogram.getValueAtPercentile(50)));
        row.put("p90Ms", ms(histogram.getValueAtPercentile(90)));
        row.put("p99Ms", ms(histogram.getValueAtPercentile(99)));
        row.put("p999Ms", ms(histogram.getValueAtPercentile(99.9)));
        row.put("maxMs", ms(histogram.getMaxValue()));
        row.put("errors", errors);
        return row;
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }
}

package dev.strata.service.admin;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar with rate and ETA on stderr for commands that walk many items. Shown only on a
 * terminal (and not with --no-progress), so logs and piped output stay clean; otherwise a no-op.
 */
public final class Progress implements AutoCloseable {

    private final ProgressBar bar;
    private boolean closed;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /** @param total expected items, or -1 when unknown (then the bar shows the count and rate, without ETA) */
    public static Progress start(String task, long total, boolean wanted) {
        return start(task, total, " items", wanted);
    }

    /** As {@link #start(String, long, boolean)}, counting in {@code unit} (" rows", with its leading space). */
    public static Progress start(String task, long total, String unit, boolean wanted) {
        return start(task, total, unit, wanted, System.console() != null, System.err);
    }

    /** As {@link #start(String, long, String, boolean)}, with the terminal check and the stream given (tests). */
    static Progress start(String task, long total, String unit, boolean wanted, boolean terminal, java.io.PrintStream stream) {
        if (!wanted || !terminal) {
            return new Progress(null);
        }
        return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUnit(unit, 1).showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(stream)).build());
    }

    /** Whether a bar is drawn (false when not wanted or not on a terminal). */
    public boolean shown() {
        return bar != null;
    }

    /**
     * Sets the expected total once it is known or estimated (after the bar started without one), so
     * the bar shows an ETA. An estimate may be off; {@link #close()} ends the bar at what was done.
     */
    public void expect(long total) {
        if (bar != null && total > 0) {
            bar.maxHint(total);
        }
    }

    public void stepBy(long n) {
        if (bar != null) {
            bar.stepBy(n);
        }
    }

    @Override
    public void close() {
        if (bar != null && !closed) {
            closed = true;
            // An estimated total (Redis keys that are not items, rows a prune skipped) must not leave the bar short of its end.
            if (bar.getMax() > 0 && bar.getCurrent() != bar.getMax()) {
                bar.maxHint(bar.getCurrent());
            }
            bar.close();
        }
    }
}

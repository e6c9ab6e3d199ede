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

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /** @param total expected items, or -1 when unknown */
    public static Progress start(String task, long total, boolean wanted) {
        if (!wanted || System.console() == null) {
            return new Progress(null);
        }
        return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" items", 1).showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build());
    }

    public void stepBy(long n) {
        if (bar != null) {
            bar.stepBy(n);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}

package dev.strata.service.admin;

import picocli.CommandLine.Option;

/** {@code --no-progress}, shared by the commands that walk many items (a picocli mixin). */
public final class ProgressOutput {

    @Option(names = "--no-progress", description = "Do not draw a progress bar on stderr (none is drawn when stderr is not a terminal).")
    boolean off;

    public boolean wanted() {
        return !off;
    }
}

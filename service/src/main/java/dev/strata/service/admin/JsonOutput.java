package dev.strata.service.admin;

import picocli.CommandLine.Option;

/** {@code --json}, shared by the commands with a machine-readable result (a picocli mixin). */
public final class JsonOutput {

    @Option(names = "--json", description = "Print the result as JSON on stdout (logs and any progress bar go to stderr).")
    boolean json;

    public boolean requested() {
        return json;
    }
}

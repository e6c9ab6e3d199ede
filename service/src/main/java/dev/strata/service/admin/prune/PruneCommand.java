package dev.strata.service.admin.prune;

import picocli.CommandLine.Command;

@Command(name = "prune", mixinStandardHelpOptions = true, description = "Not yet implemented.")
public class PruneCommand implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() {
        return 70;
    }
}

package dev.strata.service.admin.stats;

import picocli.CommandLine.Command;

@Command(name = "stats", mixinStandardHelpOptions = true, description = "Not yet implemented.")
public class StatsCommand implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() {
        return 70;
    }
}

package dev.strata.service.admin.bench;

import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Not yet implemented.")
public class BenchCommand implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() {
        return 70;
    }
}

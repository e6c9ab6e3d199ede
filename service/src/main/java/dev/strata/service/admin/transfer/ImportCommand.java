package dev.strata.service.admin.transfer;

import picocli.CommandLine.Command;

@Command(name = "import", mixinStandardHelpOptions = true, description = "Not yet implemented.")
public class ImportCommand implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() {
        return 70;
    }
}

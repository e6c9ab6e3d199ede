package dev.strata.service.admin.transfer;

import picocli.CommandLine.Command;

@Command(name = "export", mixinStandardHelpOptions = true, description = "Not yet implemented.")
public class ExportCommand implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() {
        return 70;
    }
}

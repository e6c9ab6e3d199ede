package dev.strata.service.admin.consistency;

import picocli.CommandLine.Command;

@Command(name = "verify-consistency", mixinStandardHelpOptions = true, description = "Not yet implemented.")
public class VerifyConsistencyCommand implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() {
        return 70;
    }
}

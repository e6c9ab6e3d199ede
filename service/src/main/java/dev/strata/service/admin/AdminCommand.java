package dev.strata.service.admin;

import dev.strata.service.admin.bench.BenchCommand;
import dev.strata.service.admin.config.ValidateConfigCommand;
import dev.strata.service.admin.consistency.VerifyConsistencyCommand;
import dev.strata.service.admin.flags.FlagsCommand;
import dev.strata.service.admin.migrate.MigrateCommand;
import dev.strata.service.admin.prune.PruneCommand;
import dev.strata.service.admin.stats.StatsCommand;
import dev.strata.service.admin.transfer.ExportCommand;
import dev.strata.service.admin.transfer.ImportCommand;
import picocli.CommandLine.Command;

/** The root of the admin command tree; every subcommand is listed here explicitly. */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Operate a Strata memory server's stores without starting the server.",
        subcommands = {ValidateConfigCommand.class, MigrateCommand.class, VerifyConsistencyCommand.class, ExportCommand.class,
            ImportCommand.class, PruneCommand.class, StatsCommand.class, BenchCommand.class, FlagsCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 findings, 2 usage, 3 store unavailable, 4 refused, 5 bad input, 70 internal error."})
public class AdminCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

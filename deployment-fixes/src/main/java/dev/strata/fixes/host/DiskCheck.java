package dev.strata.fixes.host;

import dev.strata.fixes.HostContext;
import dev.strata.fixes.check.Area;
import dev.strata.fixes.check.Check;
import dev.strata.fixes.check.Finding;
import dev.strata.fixes.check.Status;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Free space on the file systems the server, nginx and the console use. Report only: freeing space means deleting, which this tool never does. */
public final class DiskCheck implements Check {

    private final HostContext host;

    public DiskCheck(HostContext host) {
        this.host = host;
    }

    @Override
    public String name() {
        return "host.disk";
    }

    @Override
    public Area area() {
        return Area.HOST;
    }

    @Override
    public Finding run() {
        int warning = host.config().integer("host.disk-warning-percent");
        int critical = host.config().integer("host.disk-critical-percent");
        Status worst = Status.OK;
        List<String> evidence = new ArrayList<>();
        for (String p : host.config().list("host.disk-paths")) {
            Path path = Path.of(p);
            if (!Files.exists(path)) {
                continue;
            }
            try {
                FileStore store = Files.getFileStore(path);
                long freePercent = store.getTotalSpace() == 0 ? 100 : store.getUsableSpace() * 100 / store.getTotalSpace();
                Status status = freePercent < critical ? Status.CRITICAL : freePercent < warning ? Status.WARNING : Status.OK;
                worst = worst.worst(status);
                evidence.add(p + ": " + freePercent + "% free (" + store.getUsableSpace() / (1024 * 1024) + " MiB)");
            } catch (IOException e) {
                evidence.add(p + ": cannot stat (" + e.getMessage() + ")");
            }
        }
        if (worst == Status.OK) {
            return Finding.ok(name(), area(), "disk space above " + warning + "% free", evidence);
        }
        return Finding.manual(name(), area(), worst, "host-disk-low", "low disk space", evidence,
                "logs, backups or old releases fill the disk", "free space yourself (strata-fix never deletes data or releases)");
    }
}

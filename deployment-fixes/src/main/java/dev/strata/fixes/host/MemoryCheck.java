package dev.strata.fixes.host;

import dev.strata.fixes.HostContext;
import dev.strata.fixes.check.Area;
import dev.strata.fixes.check.Check;
import dev.strata.fixes.check.Finding;
import dev.strata.fixes.check.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** MemAvailable from /proc/meminfo: the kernel's own estimate of memory usable without swapping. */
public final class MemoryCheck implements Check {

    private final HostContext host;

    public MemoryCheck(HostContext host) {
        this.host = host;
    }

    @Override
    public String name() {
        return "host.memory";
    }

    @Override
    public Area area() {
        return Area.HOST;
    }

    @Override
    public Finding run() {
        Map<String, Long> kib = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                String[] parts = line.split(":?\\s+");
                kib.put(parts[0], Long.parseLong(parts[1]));
            }
        } catch (IOException | RuntimeException e) {
            return Finding.manual(name(), area(), Status.UNKNOWN, "host-memory-unknown", "cannot read /proc/meminfo", List.of(e.toString()),
                    "not a Linux host or /proc is not mounted", "check memory with free -m");
        }
        long total = kib.getOrDefault("MemTotal", 0L);
        long available = kib.getOrDefault("MemAvailable", 0L);
        long percent = total == 0 ? 100 : available * 100 / total;
        String line = "MemAvailable " + available / 1024 + " MiB of " + total / 1024 + " MiB (" + percent + "%)";
        Status status = percent < host.config().integer("host.memory-critical-percent") ? Status.CRITICAL
                : percent < host.config().integer("host.memory-warning-percent") ? Status.WARNING : Status.OK;
        if (status == Status.OK) {
            return Finding.ok(name(), area(), line, List.of());
        }
        return Finding.manual(name(), area(), status, "host-memory-low", "low memory: " + line, List.of(line),
                "a process uses more memory than planned", "find the process (ps aux --sort=-rss | head); strata-fix kills nothing");
    }
}

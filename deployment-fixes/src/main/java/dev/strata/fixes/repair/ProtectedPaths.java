package dev.strata.fixes.repair;

import dev.strata.fixes.config.FixConfig;
import java.nio.file.Path;

/**
 * Data the CLI must never change or delete (host layout: /var/lib/strata and the console releases).
 * Checked before any repair writes, so a mistaken configuration cannot point a repair at them.
 */
public final class ProtectedPaths {
    private ProtectedPaths() {
    }

    public static void requireWritable(FixConfig config, Path target) {
        Path normalized = target.toAbsolutePath().normalize();
        for (String p : config.list("protected.paths")) {
            if (normalized.startsWith(Path.of(p).toAbsolutePath().normalize())) {
                throw new IllegalStateException("refusing to change " + target + ": it is under protected path " + p);
            }
        }
    }
}

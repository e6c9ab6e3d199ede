package dev.strata.fixes.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.fixes.config.FixConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupTest {

    @Test
    void restoresBytesAndModeAndRemovesFilesThatDidNotExist(@TempDir Path dir) throws Exception {
        Path existing = dir.resolve("site.conf");
        byte[] original = {'a', 0, (byte) 0xff, '\n'};
        Files.write(existing, original);
        FileState.setMode(existing, "0640");
        Path created = dir.resolve("new.service");

        Backup backup = Backup.save(dir.resolve("backups/1"), List.of(existing, created));
        Files.writeString(existing, "changed");
        FileState.setMode(existing, "0666");
        Files.writeString(created, "new");
        assertThat(backup.matchesOriginals()).isFalse();

        Backup.load(dir.resolve("backups/1")).restore();

        assertThat(Files.readAllBytes(existing)).isEqualTo(original);
        assertThat(FileState.mode(FileState.attributes(existing).permissions())).isEqualTo("0640");
        assertThat(created).doesNotExist();
        assertThat(backup.matchesOriginals()).isTrue();
    }

    @Test
    void protectedPathsAreNeverRepairTargets() {
        Properties p = new Properties();
        p.setProperty("protected.paths", "/var/lib/strata,/opt/strata/console/releases");
        FixConfig config = FixConfig.of(p);
        assertThatThrownBy(() -> ProtectedPaths.requireWritable(config, Path.of("/opt/strata/console/releases/1.0/../2.0/index.html")))
                .hasMessageContaining("protected path /opt/strata/console/releases");
        ProtectedPaths.requireWritable(config, Path.of("/etc/strata/strata.env"));
    }
}

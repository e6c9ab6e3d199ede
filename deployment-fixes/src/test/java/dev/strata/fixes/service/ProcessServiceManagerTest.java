package dev.strata.fixes.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.fixes.config.FixConfig;
import dev.strata.fixes.system.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pid file is only trusted when the process's command line matches: a stale or reused pid is never signalled. */
class ProcessServiceManagerTest {

    private ProcessServiceManager manager(Path dir, String start) {
        Properties p = new Properties();
        p.setProperty("process.web.start", start);
        p.setProperty("process.web.pid-file", dir.resolve("web.pid").toString());
        p.setProperty("process.web.match", "sleep 31");
        return new ProcessServiceManager(FixConfig.of(p), new CommandRunner(10));
    }

    @Test
    void pidFileNamingAnUnrelatedProcessIsStaleAndThatProcessIsNeverSignalled(@TempDir Path dir) throws Exception {
        Process unrelated = new ProcessBuilder("sleep", "30").start();
        try {
            Files.writeString(dir.resolve("web.pid"), unrelated.pid() + "\n");
            ProcessServiceManager services = manager(dir, "sleep 31");

            assertThat(services.status("web").state()).isEqualTo(ServiceManager.State.INACTIVE);
            assertThat(services.status("web").detail()).contains("is stale");
            assertThatThrownBy(() -> services.reload("web")).isInstanceOf(ServiceException.class).hasMessageContaining("not running");

            services.restart("web");
            assertThat(unrelated.isAlive()).as("the unidentified process survives a restart").isTrue();
            var started = services.status("web");
            assertThat(started.isActive()).isTrue();
            assertThat(started.mainProcess().orElseThrow().pid()).isNotEqualTo(unrelated.pid());
            ProcessHandle.of(started.mainProcess().get().pid()).ifPresent(ProcessHandle::destroy);
        } finally {
            unrelated.destroy();
            unrelated.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void missingSettingsAreNamed(@TempDir Path dir) {
        ProcessServiceManager services = new ProcessServiceManager(FixConfig.defaults(), new CommandRunner(10));
        assertThatThrownBy(() -> services.status("strata")).hasMessageContaining("process.strata.start=(unset)");
    }
}

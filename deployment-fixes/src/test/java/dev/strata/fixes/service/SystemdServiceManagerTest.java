package dev.strata.fixes.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.fixes.backend.UnitVerifier;
import dev.strata.fixes.system.CommandRunner;
import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The real systemctl, on whatever this machine is: without systemd as PID 1 (this build machine,
 * containers) the manager reports UNKNOWN and fails actions with systemctl's own reason; with
 * systemd as PID 1 a unit that does not exist is INACTIVE/not-found and cannot be started.
 * Either way nothing is pretended, and no real unit is touched.
 */
class SystemdServiceManagerTest {

    private static final String NO_SUCH_UNIT = "strata-fix-test-no-such-unit";

    @Test
    void reportsWhatSystemctlReallySaysAndFailsActionsWithItsReason() throws Exception {
        Optional<Path> systemctl = UnitVerifier.locate("systemctl");
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(systemctl.isPresent(), "systemctl not installed");
        }
        assertThat(systemctl).as("systemctl (Debian package systemd) is required in CI").isPresent();
        SystemdServiceManager services = new SystemdServiceManager(new CommandRunner(10), systemctl.get().toString());

        var status = services.status(NO_SUCH_UNIT);
        assertThat(status.mainProcess()).isEmpty();
        if (new File("/run/systemd/system").isDirectory()) {
            assertThat(status.state()).isEqualTo(ServiceManager.State.INACTIVE);
            assertThat(status.detail()).contains("load not-found");
        } else {
            assertThat(status.state()).isEqualTo(ServiceManager.State.UNKNOWN);
            assertThat(status.detail()).startsWith(NO_SUCH_UNIT + ".service state unknown, systemctl show failed: ");
        }
        assertThatThrownBy(() -> services.start(NO_SUCH_UNIT)).isInstanceOf(ServiceException.class)
                .hasMessageStartingWith("systemctl start " + NO_SUCH_UNIT + ".service failed: ");
    }
}

package dev.strata.fixes.it;

import static dev.strata.fixes.it.IncidentAssertions.assertNoSecretPrinted;
import static dev.strata.fixes.it.IncidentAssertions.assertReadOnly;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.fixes.backend.UnitVerifier;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UnitAndHostIncidentTest {

    private HostFixture host;

    @BeforeEach
    void startHost() throws Exception {
        // systemd-analyze may be missing on a developer machine; CI must have it (package systemd).
        boolean ci = "true".equals(System.getenv("CI"));
        if (!ci) {
            Assumptions.assumeTrue(UnitVerifier.locate("systemd-analyze").isPresent(), "systemd-analyze not installed");
        }
        assertThat(UnitVerifier.locate("systemd-analyze")).as("systemd-analyze (Debian package systemd) is required in CI").isPresent();
        host = HostFixture.start(Dependencies.shared());
    }

    @AfterEach
    void stopHost() throws Exception {
        assertNoSecretPrinted(host);
        host.close();
    }

    @Test
    void missingUnitIsRecreatedFromTheTemplateAndVerified() throws Exception {
        String good = Files.readString(host.unitFile);
        Files.delete(host.unitFile);
        long backend = host.backend().orElseThrow().pid();

        var check = host.run("check", "backend");
        assertThat(check.code()).isEqualTo(2);
        assertThat(check.out()).contains("[backend-unit-missing]");
        assertReadOnly(host, "fix", "backend", "--dry-run");
        assertThat(host.run("fix", "backend", "--dry-run").out()).contains("--- /dev/null", "+ExecStart=");

        var fix = host.run("fix", "backend", "--yes");
        assertThat(fix.code()).as(fix.all()).isZero();
        assertThat(Files.readString(host.unitFile)).isEqualTo(good);
        assertThat(host.backend().orElseThrow().pid()).isEqualTo(backend);
    }

    @Test
    void wrongUnitIsFoundByDirectiveAndSystemdAnalyzeAndRewritten() throws Exception {
        String good = Files.readString(host.unitFile);
        Files.writeString(host.unitFile, good.replace("ExecStart=", "ExecStart=/nonexistent/java -jar /opt/old.jar\n#"));

        var check = host.run("check", "backend");
        assertThat(check.code()).isEqualTo(2);
        assertThat(check.out()).contains("[backend-unit-wrong]", "systemd-analyze verify:", "/nonexistent/java is not executable");
        var fix = host.run("fix", "backend-unit-wrong", "--yes");
        assertThat(fix.code()).as(fix.all()).isZero();
        assertThat(Files.readString(host.unitFile)).isEqualTo(good);
        assertThat(host.run("check", "backend").code()).isZero();
    }

    @Test
    void foreignProcessOnTheBackendPortIsReportedAndNeverKilled() throws Exception {
        host.stopBackend();
        try (ServerSocket squatter = new ServerSocket(host.backendPort, 1, InetAddress.getLoopbackAddress())) {
            var check = host.run("check", "host");
            assertThat(check.code()).isEqualTo(2);
            assertThat(check.out()).contains("[host-port-conflict]", "pid " + ProcessHandle.current().pid(), "never kills");
            var fix = host.run("fix", "--yes");
            assertThat(fix.code()).isEqualTo(1);
            assertThat(fix.out()).contains("REMAINING CRITICAL host-port-conflict");
            assertThat(squatter.isClosed()).isFalse();
            assertThat(ProcessHandle.current().isAlive()).isTrue();
        }
    }
}

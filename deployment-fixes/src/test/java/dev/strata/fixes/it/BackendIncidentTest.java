package dev.strata.fixes.it;

import static dev.strata.fixes.it.IncidentAssertions.assertNoSecretPrinted;
import static dev.strata.fixes.it.IncidentAssertions.assertReadOnly;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BackendIncidentTest {

    private HostFixture host;

    @BeforeEach
    void startHost() throws Exception {
        host = HostFixture.start(Dependencies.shared());
    }

    @AfterEach
    void stopHost() throws Exception {
        assertNoSecretPrinted(host);
        host.close();
    }

    @Test
    void healthyHostIsAllOkAndFixDoesNothing() throws Exception {
        var diagnose = host.run("diagnose");
        System.out.println(diagnose.out() + diagnose.err());
        assertThat(diagnose.code()).isZero();
        assertThat(diagnose.out()).contains("STRATA OK - 0 critical, 0 warning, 0 unknown, 13 ok");
        var before = host.checksums();
        var fix = host.run("fix", "--yes");
        assertThat(fix.code()).isZero();
        assertThat(fix.out()).contains("nothing to repair");
        assertThat(host.checksums()).isEqualTo(before);
    }

    @Test
    void backendDownBehindNginx502IsStartedNotRestarted() throws Exception {
        host.stopBackend();
        assertThat(host.get("/actuator/health/readiness").status()).isEqualTo(502);

        var diagnose = host.run("diagnose");
        System.out.println(diagnose.out() + diagnose.err());
        assertThat(diagnose.code()).isEqualTo(2);
        assertThat(diagnose.out()).contains("CRITICAL backend.health", "[backend-down]", "nginx answers 502",
                "nothing listens on port " + host.backendPort, "start service strata");
        assertReadOnly(host, "diagnose");
        assertReadOnly(host, "check", "backend");
        assertReadOnly(host, "fix", "--dry-run");

        var fix = host.run("fix", "--yes");
        System.out.println(fix.out() + fix.err());
        assertThat(fix.code()).isZero();
        assertThat(fix.out()).contains("FIX backend-down", "APPLIED");
        assertThat(host.get("/actuator/health/readiness").status()).isEqualTo(200);

        var again = host.run("fix", "--yes");
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("nothing to repair");

        String id = java.nio.file.Files.list(host.stateDir.resolve("backups")).findFirst().orElseThrow().getFileName().toString();
        var undo = host.run("rollback", id, "--yes");
        assertThat(undo.code()).isEqualTo(2);
        assertThat(undo.out()).contains("changed no file", "never stops a service");
        assertThat(host.backend()).as("the started backend keeps running").isPresent();
    }
}

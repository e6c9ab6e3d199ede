package dev.strata.fixes.it;

import static dev.strata.fixes.it.IncidentAssertions.assertNoSecretPrinted;
import static dev.strata.fixes.it.IncidentAssertions.assertReadOnly;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.fixes.repair.Verifier;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NginxIncidentTest {

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

    private int wrongPort() {
        return host.backendPort == 65000 ? 65001 : 65000;
    }

    private byte[] injectWrongUpstream() throws Exception {
        String broken = Files.readString(host.site).replace("127.0.0.1:" + host.backendPort, "127.0.0.1:" + wrongPort());
        Files.writeString(host.site, broken);
        host.reloadNginx();
        host.await(() -> host.get("/actuator/health/liveness").status() == 502, "nginx 502 after reload");
        return Files.readAllBytes(host.site);
    }

    @Test
    void upstreamOnWrongPortIsRepairedBackedUpAndCanBeRolledBack() throws Exception {
        byte[] broken = injectWrongUpstream();

        var diagnose = host.run("diagnose");
        assertThat(diagnose.code()).isEqualTo(2);
        assertThat(diagnose.out()).contains("[nginx-upstream-wrong-port]", "nothing listens on " + wrongPort(),
                "upstream: \"http://127.0.0.1:" + wrongPort(), "HTTP 502", "reload nginx");
        assertReadOnly(host, "diagnose", "--json");
        assertReadOnly(host, "fix", "--dry-run");

        var plan = host.run("fix", "nginx", "--dry-run");
        assertThat(plan.out()).contains("WOULD FIX nginx-upstream-wrong-port", "--- " + host.site, "+++ " + host.site,
                "-        proxy_pass http://127.0.0.1:" + wrongPort() + ";", "+        proxy_pass http://127.0.0.1:" + host.backendPort + ";",
                "nothing was changed");

        var fix = host.run("fix", "nginx", "--yes");
        assertThat(fix.code()).as(fix.all()).isZero();
        assertThat(fix.out()).contains("APPLIED");
        host.await(() -> host.get("/actuator/health/liveness").status() == 200, "proxied liveness after fix");
        assertThat(Files.readString(host.site)).doesNotContain(":" + wrongPort());

        Path backup = Files.list(host.stateDir.resolve("backups")).findFirst().orElseThrow();
        assertThat(Files.readAllBytes(backup.resolve("0-strata.conf"))).as("backup equals the original").isEqualTo(broken);

        assertThat(host.run("fix", "--yes").out()).contains("nothing to repair");

        var history = host.run("history");
        assertThat(history.out()).contains("APPLIED", "nginx-upstream-wrong-port", "backup: " + backup);
        String id = backup.getFileName().toString();
        var rollback = host.run("rollback", id, "--yes");
        assertThat(rollback.code()).as(rollback.all()).isZero();
        assertThat(rollback.out()).contains("restored byte-for-byte", "nginx reloaded");
        assertThat(Files.readAllBytes(host.site)).isEqualTo(broken);
        host.await(() -> host.get("/actuator/health/liveness").status() == 502, "502 again after rollback");
        assertThat(host.run("rollback", id, "--yes").code()).as("a second rollback of the same entry is refused").isEqualTo(2);
    }

    @Test
    void forcedVerificationFailureRollsBackByteForByte() throws Exception {
        byte[] broken = injectWrongUpstream();
        String modeBefore = host.checksums().get(host.root.relativize(host.site).toString());
        Verifier neverResolved = (check, before, timeout) -> false;

        var fix = host.run(neverResolved, "", "fix", "nginx-upstream-wrong-port", "--yes");

        assertThat(fix.code()).as(fix.all()).isEqualTo(2);
        assertThat(fix.out()).contains("ROLLED_BACK", "verification failed", "checksums match");
        assertThat(Files.readAllBytes(host.site)).isEqualTo(broken);
        assertThat(host.checksums().get(host.root.relativize(host.site).toString())).isEqualTo(modeBefore);
        assertThat(host.nginxMaster()).as("nginx still runs").isPresent();
        assertThat(host.run("history").out()).contains("ROLLED_BACK");
    }

    @Test
    void latentSyntaxErrorIsFoundWhileNginxRunsTheOldConfigAndRepairedWithReload() throws Exception {
        String good = Files.readString(host.site);
        Files.writeString(host.site, good.replace("index index.html;", "index index.html"));
        long master = host.nginxMaster().orElseThrow().pid();
        assertThat(host.get("/index.html").status()).as("still serving the old config").isEqualTo(200);

        var diagnose = host.run("check", "nginx");
        assertThat(diagnose.code()).isEqualTo(2);
        assertThat(diagnose.out()).contains("[nginx-config-invalid]", "latent", "[emerg]", host.site.toString(),
                "is running the previously loaded config");
        assertReadOnly(host, "fix", "nginx", "--dry-run");

        var fix = host.run("fix", "nginx", "--yes");
        assertThat(fix.code()).as(fix.all()).isZero();
        assertThat(Files.readString(host.site)).isEqualTo(good);
        assertThat(host.nginxMaster().orElseThrow().pid()).as("reloaded, not restarted").isEqualTo(master);
        assertThat(host.run("fix", "--yes").out()).contains("nothing to repair");
    }

    @Test
    void stoppedNginxWithBrokenConfigGetsConfigRepairedThenStarted() throws Exception {
        String good = Files.readString(host.site);
        host.stopNginx();
        Files.writeString(host.site, good.replace("server_name _;", "server_nme _;"));

        var diagnose = host.run("diagnose");
        assertThat(diagnose.code()).isEqualTo(2);
        assertThat(diagnose.out()).contains("[nginx-not-running]", "[nginx-config-invalid]", "nginx cannot start with this config");
        assertReadOnly(host, "fix", "--dry-run");

        var fix = host.run("fix", "--yes");
        assertThat(fix.code()).as(fix.all()).isZero();
        assertThat(fix.out()).containsSubsequence("FIX nginx-config-invalid", "APPLIED", "FIX nginx-not-running", "APPLIED");
        assertThat(host.nginxMaster()).isPresent();
        assertThat(host.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(host.run("fix", "--yes").out()).contains("nothing to repair");
    }

    @Test
    void nginxRunningAnOlderConfigThanTheCorrectSiteFileIsReloaded() throws Exception {
        injectWrongUpstream();
        Files.writeString(host.site, Files.readString(host.site).replace(":" + wrongPort(), ":" + host.backendPort));

        var check = host.run("check", "nginx");
        assertThat(check.out()).contains("[nginx-not-reloaded]", "HTTP 502");
        var fix = host.run("fix", "nginx", "--yes");
        assertThat(fix.code()).as(fix.all()).isZero();
        assertThat(host.get("/actuator/health/liveness").status()).isEqualTo(200);
    }
}

package dev.strata.fixes.it;

import static dev.strata.fixes.it.IncidentAssertions.assertNoSecretPrinted;
import static dev.strata.fixes.it.IncidentAssertions.assertReadOnly;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.fixes.env.EnvFile;
import dev.strata.fixes.repair.FileState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FrontendAndEnvIncidentTest {

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
    void oldFrontendBuildAfterDeployIsFoundByHashAndRootRepointed() throws Exception {
        Path old = host.releases.resolve("1.0.0");
        Files.writeString(host.site, Files.readString(host.site).replace("root " + host.consoleCurrent + ";", "root " + old + ";"));
        host.reloadNginx();
        host.await(() -> host.get("/index.html").text().contains("1.0.0"), "old build served");
        Map<String, String> releasesBefore = releaseChecksums();

        var check = host.run("check", "frontend");
        assertThat(check.code()).isEqualTo(2);
        assertThat(check.out()).contains("[frontend-stale]", "the served file is the build of release 1.0.0", "current -> " + host.releases.resolve("1.1.0"),
                "root is pinned to " + old);
        assertReadOnly(host, "fix", "frontend", "--dry-run");
        assertThat(host.run("fix", "frontend", "--dry-run").out()).contains("-    root " + old + ";", "+    root " + host.consoleCurrent + ";");

        var fix = host.run("fix", "frontend", "--yes");
        assertThat(fix.code()).as(fix.all()).isZero();
        assertThat(FileState.sha256(host.get("/index.html").body())).isEqualTo(FileState.sha256(host.consoleCurrent.resolve("index.html")));
        assertThat(releaseChecksums()).as("releases are never touched").isEqualTo(releasesBefore);
        assertThat(host.run("fix", "--yes").out()).contains("nothing to repair");
    }

    @Test
    void missingRequiredVariableIsRestoredFromTheRunningServerWithoutPrintingIt() throws Exception {
        String original = Files.readString(host.envFile);
        Files.writeString(host.envFile, original.replaceAll("(?m)^STRATA_ADMIN_TOKEN=.*\n", ""));

        var diagnose = host.run("diagnose");
        assertThat(diagnose.code()).isEqualTo(2);
        assertThat(diagnose.out()).contains("[env-missing-vars]", "STRATA_ADMIN_TOKEN", "the running server's environment still has");
        assertReadOnly(host, "fix", "env", "--dry-run");
        var plan = host.run("fix", "env", "--dry-run");
        assertThat(plan.out()).contains("+STRATA_ADMIN_TOKEN=********");

        long backend = host.backend().orElseThrow().pid();
        var fix = host.run("fix", "env", "--yes");
        assertThat(fix.code()).as(fix.all()).isZero();
        assertThat(EnvFile.read(host.envFile).values()).containsEntry("STRATA_ADMIN_TOKEN", HostFixture.ADMIN_TOKEN);
        assertThat(FileState.mode(FileState.attributes(host.envFile).permissions())).isEqualTo("0640");
        assertThat(host.backend().orElseThrow().pid()).as("the server keeps running").isEqualTo(backend);
        assertThat(host.run("fix", "--yes").out()).contains("nothing to repair");
    }

    @Test
    void environmentFileReadableByOthersIsRestrictedAndTheRepairCanBeUndone() throws Exception {
        FileState.setMode(host.envFile, "0644");

        var check = host.run("check", "env");
        assertThat(check.code()).isEqualTo(2);
        assertThat(check.out()).contains("[env-permissions]", "readable by others", "mode 0644");
        assertReadOnly(host, "check", "env");
        assertThat(host.run("fix", "--dry-run").out()).contains("mode  " + host.envFile + ": 0644 -> 0640");

        var fix = host.run("fix", "env-permissions", "--yes");
        assertThat(fix.code()).as(fix.all()).isZero();
        assertThat(FileState.mode(FileState.attributes(host.envFile).permissions())).isEqualTo("0640");

        String id = Files.list(host.stateDir.resolve("backups")).findFirst().orElseThrow().getFileName().toString();
        assertThat(host.run("rollback", id, "--yes").code()).isZero();
        assertThat(FileState.mode(FileState.attributes(host.envFile).permissions())).isEqualTo("0644");
        assertThat(host.run("history").out()).contains("UNDONE", "rollback of " + id);
    }

    private Map<String, String> releaseChecksums() throws Exception {
        Map<String, String> sums = new TreeMap<>();
        try (var files = Files.walk(host.releases)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                sums.put(p.toString(), FileState.sha256(p));
            }
        }
        return sums;
    }
}

package dev.strata.fixes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.fixes.repair.FileState;
import dev.strata.fixes.repair.Verifier;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

    record Run(int code, String out, String err) {
    }

    @TempDir
    Path dir;
    Path config;
    Path env;

    @BeforeEach
    void writeConfig() throws Exception {
        env = dir.resolve("strata.env");
        Files.writeString(env, "STRATA_DURABLE_URL=jdbc:postgresql://127.0.0.1:1/x\nSTRATA_DURABLE_USERNAME=u\n"
                + "STRATA_DURABLE_PASSWORD=cli-secret-pw\nSTRATA_ADMIN_TOKEN=cli-secret-token\n");
        FileState.setMode(env, "0644");
        config = dir.resolve("fixes.properties");
        String group = FileState.attributes(env).group().getName();
        Files.writeString(config, "env.file=" + env + "\nenv.group=" + group + "\nstate.dir=" + dir.resolve("state") + "\n");
    }

    private Run run(String input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = StrataFix.commandLine(new StrataFix(Verifier.rerunCheck(), Clock.systemUTC(), new BufferedReader(new StringReader(input))));
        cli.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void unknownAreaIsUsageErrorWithoutStackTrace() {
        Run r = run("", "check", "dns", "--config", config.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("strata-fix: unknown area 'dns', expected one of env, deps, host, backend, nginx, frontend\n");
    }

    @Test
    void badConfigurationNamesTheSettingAndExitsUnknown() throws Exception {
        Files.writeString(config, "backend.port=http\n", java.nio.file.StandardOpenOption.APPEND);
        Run r = run("", "diagnose", "--config", config.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("backend.port=http is invalid, expected an integer").doesNotContain("\tat ");
    }

    @Test
    void missingConfigFileAndUnknownOptionAreUsageErrors() {
        assertThat(run("", "diagnose", "--config", dir.resolve("none").toString()).err()).contains("does not exist");
        Run r = run("", "diagnose", "--bogus");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("Unknown option: '--bogus'", "--help");
        assertThat(run("").code()).isEqualTo(3);
        assertThat(run("", "fix", "no-such-problem", "--config", config.toString()).err()).contains("unknown area or problem id");
    }

    @Test
    void fixAsksForConsentAndChangesNothingWhenDeclined() throws Exception {
        Run declined = run("n\n", "fix", "env", "--config", config.toString());
        assertThat(declined.code()).isEqualTo(1);
        assertThat(declined.out()).contains("apply this repair? [y/N]", "skipped: not confirmed");
        assertThat(FileState.mode(FileState.attributes(env).permissions())).isEqualTo("0644");

        Run accepted = run("y\n", "fix", "env", "--config", config.toString());
        assertThat(accepted.code()).isZero();
        assertThat(FileState.mode(FileState.attributes(env).permissions())).isEqualTo("0640");
        assertThat(declined.out() + accepted.out()).doesNotContain("cli-secret-pw", "cli-secret-token");
    }

    @Test
    void onlyOneRepairAtATime() throws Exception {
        try (var held = dev.strata.fixes.repair.RepairLock.tryAcquire(dir.resolve("state")).orElseThrow()) {
            Run busy = run("y\n", "fix", "env", "--config", config.toString());
            assertThat(busy.code()).isEqualTo(3);
            assertThat(busy.err()).contains("another strata-fix is repairing this host");
            assertThat(FileState.mode(FileState.attributes(env).permissions())).isEqualTo("0644");
        }
        assertThat(run("y\n", "fix", "env", "--config", config.toString()).code()).as("free again once released").isZero();
    }

    @Test
    void jsonOutputCarriesVerdictAndMonitoringExitCode() {
        Run r = run("", "check", "env", "--json", "--config", config.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).contains("\"verdict\" : \"CRITICAL\"", "\"exitCode\" : 2", "\"problem\" : \"env-permissions\"",
                "\"automaticRepair\" : true");
    }

    @Test
    void monitoringModePutsTheVerdictOnTheFirstLine() {
        Run r = run("", "check", "env", "--monitoring", "--config", config.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out().lines().findFirst()).contains("STRATA CRITICAL - 1 critical, 0 warning, 0 unknown, 1 ok");
    }

    @Test
    void helpDocumentsExitCodes() {
        Run r = run("", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("diagnose", "rollback", "3   UNKNOWN (bad usage or configuration)");
    }
}

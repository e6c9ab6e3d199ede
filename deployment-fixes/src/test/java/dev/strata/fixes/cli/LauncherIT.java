package dev.strata.fixes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher script and the shaded jar, as the infrastructure installs them. */
class LauncherIT {

    private static final Path LAUNCHER = Path.of("bin/strata-fix");
    private static final Path JAR = Path.of("target/deployment-fixes.jar");

    record Run(int code, String output) {
    }

    private Run launch(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(LAUNCHER.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("STRATA_FIX_JAR", JAR.toAbsolutePath().toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), output);
    }

    @Test
    void launcherRunsTheShadedJar() throws Exception {
        assertThat(Files.isExecutable(LAUNCHER)).isTrue();
        Run help = launch("--help");
        assertThat(help.code()).as(help.output()).isZero();
        assertThat(help.output()).contains("Usage: strata-fix", "diagnose", "fix", "history", "rollback");
    }

    @Test
    void shadedJarCarriesItsLibrariesAndMapsBadInputToExitThree(@TempDir Path dir) throws Exception {
        Path env = dir.resolve("strata.env");
        Files.writeString(env, "STRATA_DURABLE_URL=jdbc:postgresql://127.0.0.1:1/x\nSTRATA_DURABLE_USERNAME=u\n"
                + "STRATA_DURABLE_PASSWORD=launcher-secret\nSTRATA_ADMIN_TOKEN=launcher-token\n");
        Path config = dir.resolve("c.properties");
        Files.writeString(config, "env.file=" + env + "\ndeps.timeout-seconds=1\n");

        Run deps = launch("check", "deps", "--config", config.toString());
        assertThat(deps.code()).as(deps.output()).isEqualTo(2);
        assertThat(deps.output()).contains("[deps-postgres-down]", "connection refused").doesNotContain("launcher-secret", "SLF4J");

        Run bad = launch("check", "dns");
        assertThat(bad.code()).isEqualTo(3);
        assertThat(bad.output()).contains("unknown area 'dns'").doesNotContain("Exception");
    }
}

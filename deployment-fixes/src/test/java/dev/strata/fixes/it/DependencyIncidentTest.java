package dev.strata.fixes.it;

import static dev.strata.fixes.it.IncidentAssertions.assertNoSecretPrinted;
import static dev.strata.fixes.it.IncidentAssertions.assertReadOnly;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.fixes.env.EnvFile;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DependencyIncidentTest {

    @Test
    void postgresDownIsReportedAndTheBackendIsNotRestarted() throws Exception {
        Dependencies deps = Dependencies.shared();
        try (EmbeddedPostgres own = Dependencies.startPostgres()) {
            int port = own.getPort();
            // The provisioned endpoint equals the URL: nothing answers anywhere else, so this is "down", not "wrong URL".
            try (HostFixture host = HostFixture.start(deps, port, Map.of("deps.postgres.endpoint", "127.0.0.1:" + port))) {
                own.close();
                host.await(() -> host.backendGet("/actuator/health/readiness").status() == 503, "backend not ready");
                long backend = host.backend().orElseThrow().pid();

                var diagnose = host.run("diagnose");
                assertThat(diagnose.code()).isEqualTo(2);
                assertThat(diagnose.out()).contains("[deps-postgres-down]", "connection refused", "backend readiness component db: DOWN",
                        "[backend-not-ready]", "the backend is NOT restarted");
                assertThat(diagnose.out()).doesNotContain("[deps-postgres-wrong-url]");
                assertReadOnly(host, "fix", "--dry-run");

                var fix = host.run("fix", "--yes");
                assertThat(fix.code()).as("problems left for a human").isEqualTo(1);
                assertThat(fix.out()).contains("REMAINING CRITICAL deps-postgres-down");
                assertThat(host.backend().orElseThrow().pid()).as("never restart the backend for a dependency outage").isEqualTo(backend);
                assertNoSecretPrinted(host);
            }
        }
    }

    @Test
    void postgresUrlOnWrongPortIsRepointedAndTheBackendRestartedForTheNewConfig() throws Exception {
        Dependencies deps = Dependencies.shared();
        int wrong = Dependencies.freePort();
        try (HostFixture host = HostFixture.start(deps, wrong, Map.of("deps.postgres.endpoint", "127.0.0.1:" + deps.postgresPort()))) {
            host.await(() -> host.backendGet("/actuator/health/readiness").status() == 503, "backend not ready");

            var check = host.run("check", "deps");
            assertThat(check.code()).isEqualTo(2);
            assertThat(check.out()).contains("[deps-postgres-wrong-url]", "postgres answers at 127.0.0.1:" + deps.postgresPort(),
                    "the URL names 127.0.0.1:" + wrong);
            assertReadOnly(host, "fix", "deps", "--dry-run");
            assertThat(host.run("fix", "deps", "--dry-run").out())
                    .contains("-STRATA_DURABLE_URL=jdbc:postgresql://127.0.0.1:" + wrong + "/postgres",
                            "+STRATA_DURABLE_URL=jdbc:postgresql://127.0.0.1:" + deps.postgresPort() + "/postgres");

            var fix = host.run("fix", "deps", "--yes");
            assertThat(fix.code()).as(fix.all()).isZero();
            assertThat(EnvFile.read(host.envFile).values().get("STRATA_DURABLE_URL")).contains(":" + deps.postgresPort() + "/");
            assertThat(host.backendGet("/actuator/health/readiness").status()).isEqualTo(200);
            assertThat(host.run("fix", "--yes").out()).contains("nothing to repair");

            // Undo: the file comes back byte-for-byte and the backend restarts to read it again.
            long repaired = host.backend().orElseThrow().pid();
            String id = Files.list(host.stateDir.resolve("backups")).findFirst().orElseThrow().getFileName().toString();
            var rollback = host.run("rollback", id, "--yes");
            assertThat(rollback.code()).as(rollback.all()).isZero();
            assertThat(rollback.out()).contains("restored byte-for-byte", "restarted with the restored environment file");
            assertThat(EnvFile.read(host.envFile).values().get("STRATA_DURABLE_URL")).contains(":" + wrong + "/");
            host.await(() -> host.backend().isPresent() && host.backend().get().pid() != repaired
                    && host.backendGet("/actuator/health/readiness").status() == 503, "backend back on the old URL");
            assertNoSecretPrinted(host);
        }
    }

    @Test
    void redisUrlPointingAtPostgresIsAWrongUrlNotAnOutage() throws Exception {
        Dependencies deps = Dependencies.shared();
        try (HostFixture host = HostFixture.start(deps, deps.postgresPort(), Map.of("deps.redis.endpoint", "127.0.0.1:" + deps.redisPort))) {
            String env = Files.readString(host.envFile);
            Files.writeString(host.envFile, env.replace("@127.0.0.1:" + deps.redisPort, "@127.0.0.1:" + deps.postgresPort()));

            var check = host.run("check", "deps");
            assertThat(check.code()).isEqualTo(2);
            assertThat(check.out()).contains("[deps-redis-wrong-url]", "does not speak Redis", "redis answers at 127.0.0.1:" + deps.redisPort);
            assertThat(check.out()).contains("redis://:********@127.0.0.1:" + deps.postgresPort());
            assertReadOnly(host, "check", "deps");

            var fix = host.run("fix", "deps-redis-wrong-url", "--yes");
            assertThat(fix.code()).as(fix.all()).isZero();
            assertThat(Files.readString(host.envFile)).isEqualTo(env);
            assertNoSecretPrinted(host);
        }
    }
}

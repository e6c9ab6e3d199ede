package dev.strata.service.admin.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.service.admin.AdminRun;
import dev.strata.service.support.EmbeddedStores;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** validate-config and migrate against real PostgreSQL and Redis; exit codes and messages as documented. */
class ConfigAndMigrateTest {

    @Test
    void validateConfigReportsEveryProblemWithItsSetting() {
        AdminRun run = AdminRun.raw("validate-config", "-Dstrata.hot.max-bytes=10", "-Dstrata.durable.pool-size=1",
                "-Dstrata.durable.group-commit.threads=lots", "-Dstrata.warm.url=http://cache:6379", "-Dstrata.hot.policy=no-such-policy",
                "-Dstrata.features.cache-ttl-ms=5", "-Dstrata.durable.url=jdbc:mysql://db/x", "-Dstrata.durable.password=s3cret-pw");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("7 problem(s):")
                .contains("strata.hot.max-bytes: strata.hot.max-bytes must be at least 1024")
                .contains("strata.durable.pool-size: strata.durable.pool-size must be at least 2")
                .contains("strata.durable.group-commit.threads: cannot be read")
                .contains("strata.warm.url: strata.warm.url must look like redis://")
                .contains("strata.hot.policy: 'no-such-policy' is not a known policy")
                .contains("strata.features.cache-ttl-ms: strata.features.cache-ttl-ms must be at least 100")
                .contains("strata.durable.url: must be a PostgreSQL JDBC URL")
                .doesNotContain("s3cret-pw").doesNotContain("//db/x");
    }

    @Test
    void validateConfigChecksTheStoresItNames() {
        AdminRun ok = AdminRun.run("postgres", true, "validate-config");
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.out()).contains("postgresql reachable (PostgreSQL").contains("redis      reachable").contains("Configuration is valid.");

        AdminRun down = AdminRun.run("postgres", false, "validate-config", "--json",
                "-Dstrata.warm.url=redis://127.0.0.1:" + EmbeddedStores.freePort(), "-Dstrata.warm.timeout-ms=200");
        assertThat(down.exitCode()).as(down.toString()).isEqualTo(1);
        assertThat(down.out()).contains("\"valid\" : false").contains("\"setting\" : \"strata.warm.url\"")
                .contains("cannot connect to Redis");
    }

    @Test
    void migrateDryRunListsPendingThenMigrateApplies() {
        String database = AdminRun.newDatabase("migrate");
        AdminRun dryRun = AdminRun.run(database, false, "migrate", "--dry-run");
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.out()).contains("Schema version: empty").contains("V1__tenants_and_items.sql")
                .contains("V2__semantic_memory.sql").contains("V3__memory_key_roles.sql").contains("V6__tenant_feature_flags.sql").contains("V7__memory_erasure_notices.sql").contains("V8__api_key_expiry.sql").contains("Dry run: nothing applied.");
        AdminRun again = AdminRun.run(database, false, "migrate", "--dry-run");
        assertThat(again.out()).as("a dry run applies nothing").contains("Schema version: empty");

        AdminRun migrate = AdminRun.run(database, false, "migrate");
        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
        assertThat(migrate.out()).contains("Applied 6 migration(s); schema now at version 8.");
        assertThat(AdminRun.run(database, false, "migrate", "--dry-run").out()).contains("Schema version: 8").contains("No pending migrations.");
    }

    @Test
    void migrateRefusesASchemaNewerThanTheJar() throws Exception {
        String database = AdminRun.newDatabase("future");
        assertThat(AdminRun.run(database, false, "migrate").exitCode()).isZero();
        try (Connection connection = DriverManager.getConnection(AdminRun.databaseUrl(database), "postgres", "postgres");
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("""
                    INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)
                    VALUES (99, '99', 'from a newer server', 'SQL', 'V99__from_a_newer_server.sql', 1, 'postgres', 1, true)""");
        }
        AdminRun run = AdminRun.run(database, false, "migrate");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
        assertThat(run.err()).contains("schema is at version 99, newer than this jar knows (latest 8)").contains("Nothing was changed");
    }

    @Test
    void usageErrorsAndUnreachableDatabaseAreOneLineNotAStackTrace() {
        AdminRun unknown = AdminRun.raw("migrate", "--frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown option: '--frobnicate'");

        AdminRun down = AdminRun.raw("stats", "-Dstrata.durable.url=jdbc:postgresql://127.0.0.1:" + EmbeddedStores.freePort() + "/x",
                "-Dstrata.durable.connection-timeout-ms=500");
        assertThat(down.exitCode()).as(down.toString()).isEqualTo(3);
        assertThat(down.err()).startsWith("error: ").doesNotContain("\tat ").hasLineCount(1);

        AdminRun help = AdminRun.raw("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("validate-config", "migrate", "verify-consistency", "export", "import", "prune", "stats",
                "bench", "flags", "Exit codes:");
    }
}

package dev.strata.service.admin.transfer;

import static dev.strata.service.admin.AdminRun.query;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.service.admin.AdminRun;
import dev.strata.service.support.EmbeddedStores;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export and import against real PostgreSQL (and Redis for the import's cache invalidation): a
 * generated tenant of 100k items goes to another database and comes back byte for byte.
 */
class ExportImportTest {

    private static final int ITEMS = 100_000;
    private static final String SOURCE = "postgres";
    private static String tenant;
    private static Path export;

    @TempDir
    static Path temp;

    @BeforeAll
    static void exportGeneratedTenant() throws Exception {
        EmbeddedStores.migratedPostgresUrl();
        tenant = "exp-" + UUID.randomUUID().toString().substring(0, 8);
        EmbeddedStores.update("INSERT INTO tenants (id, name, rate_limit_per_second) VALUES (?, 'Export test', 321)", tenant);
        // Values of varied shape and size (unicode, whitespace kept as sent), versions as the server's
        // microsecond clock makes them, a third with a TTL at millisecond precision like the API's.
        EmbeddedStores.update("""
                INSERT INTO kv_items (tenant_id, namespace, item_key, value, version, expires_at)
                SELECT ?, 'ns' || (i % 7), 'key:' || i,
                       convert_to(CASE WHEN i % 3 = 0 THEN '{ "n" : ' || i || ', "s": "ünïcødé ✓" }'
                                       ELSE '[' || i || ',"' || repeat(md5(i::text), 1 + i % 5) || '"]' END, 'UTF8'),
                       1700000000000000 + i * 37,
                       CASE WHEN i % 3 = 1 THEN date_trunc('milliseconds', now() + (i || ' seconds')::interval + interval '1 day') END
                  FROM generate_series(1, ?) AS i""", tenant, ITEMS);
        export = temp.resolve("export");
        AdminRun run = AdminRun.run(SOURCE, false, "export", "--tenant", tenant, "-o", export.toString(), "--no-progress");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Exported " + ITEMS + " item(s)");
    }

    @Test
    void roundTripIsByteIdenticalAndImportingTwiceChangesNothing() throws Exception {
        String target = AdminRun.newDatabase("roundtrip");
        assertThat(AdminRun.run(target, false, "migrate").exitCode()).isZero();

        AdminRun first = AdminRun.run(target, true, "import", export.toString(), "--no-progress");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains(ITEMS + " written");
        assertThat(fingerprint(target)).isEqualTo(fingerprint(SOURCE));
        assertThat(query(target, "SELECT name || '/' || rate_limit_per_second FROM tenants WHERE id = '" + tenant + "'"))
                .isEqualTo("Export test/321");

        String updatedAt = query(target, "SELECT md5(string_agg(updated_at::text, ',' ORDER BY namespace, item_key)) FROM kv_items");
        AdminRun second = AdminRun.run(target, true, "import", export.toString(), "--no-progress");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("0 written, " + ITEMS + " already up to date");
        assertThat(query(target, "SELECT md5(string_agg(updated_at::text, ',' ORDER BY namespace, item_key)) FROM kv_items"))
                .as("a second import rewrites nothing").isEqualTo(updatedAt);
        assertThat(fingerprint(target)).isEqualTo(fingerprint(SOURCE));
    }

    @Test
    void interruptedImportResumesFromItsCheckpoint() throws Exception {
        String target = AdminRun.newDatabase("resume");
        assertThat(AdminRun.run(target, false, "migrate").exitCode()).isZero();
        Path checkpoint = temp.resolve("resume.checkpoint");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "dev.strata.service.StrataApplication", "admin", "import",
                export.toString(), "--batch-size", "500", "--checkpoint", checkpoint.toString(), "--no-progress",
                "-Dstrata.durable.url=" + AdminRun.databaseUrl(target), "-Dstrata.durable.username=postgres")
                .redirectErrorStream(true).redirectOutput(temp.resolve("resume.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!Files.exists(checkpoint) && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(Files.exists(checkpoint)).as("the import was killed mid-way, after a checkpoint: "
                + Files.readString(temp.resolve("resume.log"))).isTrue();
        long before = Long.parseLong(query(target, "SELECT count(*) FROM kv_items"));
        assertThat(before).isBetween(500L, ITEMS - 1L);

        AdminRun resumed = AdminRun.run(target, false, "import", export.toString(), "--checkpoint", checkpoint.toString(),
                "--no-progress");
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(resumed.out()).containsPattern("Resuming after line [1-9][0-9]* of " + ITEMS);
        assertThat(fingerprint(target)).isEqualTo(fingerprint(SOURCE));
        assertThat(checkpoint).doesNotExist();
    }

    @Test
    void damagedLineIsNamedAndNothingIsImported() throws Exception {
        Path damaged = temp.resolve("damaged");
        Files.createDirectories(damaged);
        Files.copy(export.resolve("manifest.json"), damaged.resolve("manifest.json"));
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(export.resolve("items.jsonl.gz"))), StandardCharsets.UTF_8))) {
            reader.lines().forEach(lines::add);
        }
        // One flipped character inside a value's base64: still valid JSON and base64, wrong bytes.
        String line = lines.get(4_999);
        int at = line.indexOf("\"value\":\"") + 12;
        lines.set(4_999, line.substring(0, at) + (line.charAt(at) == 'A' ? 'B' : 'A') + line.substring(at + 1));
        try (BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(damaged.resolve("items.jsonl.gz"))), StandardCharsets.UTF_8))) {
            for (String l : lines) {
                writer.write(l);
                writer.write('\n');
            }
        }
        String target = AdminRun.newDatabase("damaged");
        assertThat(AdminRun.run(target, false, "migrate").exitCode()).isZero();
        AdminRun run = AdminRun.run(target, false, "import", damaged.toString(), "--no-progress");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(5);
        assertThat(run.err()).contains("items.jsonl.gz line 5000:").contains("crc32c").contains("Nothing was imported")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(query(target, "SELECT count(*) FROM kv_items")).isEqualTo("0");

        // A truncated file is caught by the count and checksum in the manifest.
        lines.subList(90_000, lines.size()).clear();
        try (BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(damaged.resolve("items.jsonl.gz"))), StandardCharsets.UTF_8))) {
            for (String l : lines.subList(0, 4_999)) {
                writer.write(l);
                writer.write('\n');
            }
        }
        AdminRun truncated = AdminRun.run(target, false, "import", damaged.toString(), "--no-progress");
        assertThat(truncated.exitCode()).isEqualTo(5);
        assertThat(truncated.err()).contains("holds 4999 item(s) but the manifest says " + ITEMS);
    }

    @Test
    void tenantWithoutOwnRateLimitKeepsTheDefault() throws Exception {
        String plain = "plain-" + UUID.randomUUID().toString().substring(0, 8);
        EmbeddedStores.update("INSERT INTO tenants (id, name) VALUES (?, 'No limit')", plain);
        EmbeddedStores.update("INSERT INTO kv_items (tenant_id, namespace, item_key, value, version) VALUES (?, 'ns', 'k', '\\x31', 7)", plain);
        Path dir = temp.resolve("plain");
        assertThat(AdminRun.run(SOURCE, false, "export", "--tenant", plain, "-o", dir.toString(), "--no-progress").exitCode()).isZero();
        assertThat(Files.readString(dir.resolve("manifest.json"))).contains("\"rateLimitPerSecond\" : null");
        String target = AdminRun.newDatabase("plain");
        assertThat(AdminRun.run(target, false, "migrate").exitCode()).isZero();
        assertThat(AdminRun.run(target, false, "import", dir.toString(), "--no-progress").exitCode()).isZero();
        assertThat(query(target, "SELECT coalesce(rate_limit_per_second::text, 'default') FROM tenants WHERE id = '" + plain + "'"))
                .isEqualTo("default");
    }

    @Test
    void namespaceExportHoldsOnlyThatNamespace() throws Exception {
        Path dir = temp.resolve("ns3");
        AdminRun run = AdminRun.run(SOURCE, false, "export", "--tenant", tenant, "--namespace", "ns3", "-o", dir.toString(), "--json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        // i in 1..100000 with i % 7 == 3
        assertThat(run.out()).contains("\"items\" : 14286").contains("\"namespace\" : \"ns3\"");
        String target = AdminRun.newDatabase("namespace");
        assertThat(AdminRun.run(target, false, "migrate").exitCode()).isZero();
        assertThat(AdminRun.run(target, false, "import", dir.toString(), "--no-progress").exitCode()).isZero();
        assertThat(query(target, "SELECT string_agg(DISTINCT namespace, ',') || ':' || count(*) FROM kv_items")).isEqualTo("ns3:14286");
        AdminRun noTenant = AdminRun.run(SOURCE, false, "export", "--all", "--namespace", "ns3", "-o", temp.resolve("x").toString());
        assertThat(noTenant.exitCode()).isEqualTo(2);
    }

    @Test
    void exportRefusesUnknownTenantAndNonEmptyOutput() {
        AdminRun unknown = AdminRun.run(SOURCE, false, "export", "--tenant", "no-such-tenant", "-o", temp.resolve("none").toString());
        assertThat(unknown.exitCode()).isEqualTo(5);
        assertThat(unknown.err()).contains("No tenant no-such-tenant.");
        AdminRun existing = AdminRun.run(SOURCE, false, "export", "--tenant", tenant, "-o", export.toString());
        assertThat(existing.exitCode()).isEqualTo(4);
        assertThat(existing.err()).contains("is not an empty directory");
    }

    /** Everything that must survive: per item namespace, key, exact value bytes, version and expiry. */
    private static String fingerprint(String database) throws Exception {
        return query(database, "SELECT count(*) || ':' || md5(string_agg(namespace || '/' || item_key || '=' || encode(value, 'hex') || '@'"
                + " || version || '~' || coalesce((extract(epoch FROM expires_at) * 1000)::bigint::text, '-'), ',' ORDER BY namespace, item_key))"
                + " FROM kv_items WHERE tenant_id = '" + tenant + "'");
    }
}

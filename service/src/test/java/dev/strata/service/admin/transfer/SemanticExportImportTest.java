package dev.strata.service.admin.transfer;

import static dev.strata.service.admin.AdminRun.query;
import static dev.strata.service.admin.AdminRun.update;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strata.service.admin.AdminRun;
import dev.strata.service.memory.embedding.MiniLmEmbeddingProvider;
import dev.strata.service.memory.embedding.Vectors;
import dev.strata.service.support.ApiClient;
import dev.strata.service.support.EmbeddedStores;
import dev.strata.service.support.TestServer;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32C;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The semantic-memory part of export and import against real PostgreSQL: a tenant's memories (with
 * history and a near-duplicate link), a session with messages, an entity graph and a switched-off
 * feature flag go to another database and come back column for column, embeddings included.
 */
class SemanticExportImportTest {

    private static final String SOURCE = "postgres";
    /** Every semantic table of the tenant, each as one checksum over its rows' full text (all columns). */
    private static final Map<String, String> TABLES = Map.of(
            "memories", "SELECT t::text FROM memories t WHERE tenant_id = '%s'",
            "memory_history", "SELECT t::text FROM memory_history t JOIN memories m ON m.id = t.memory_id WHERE m.tenant_id = '%s'",
            "memory_sessions", "SELECT t::text FROM memory_sessions t WHERE tenant_id = '%s'",
            "memory_session_messages", "SELECT t::text FROM memory_session_messages t WHERE tenant_id = '%s'",
            "memory_entities", "SELECT t::text FROM memory_entities t WHERE tenant_id = '%s'",
            "memory_relations", "SELECT t::text FROM memory_relations t WHERE tenant_id = '%s'",
            "tenant_feature_flags", "SELECT t::text FROM tenant_feature_flags t WHERE tenant_id = '%s'");
    private static final String SEARCHED_TEXT = "Rosa keeps bees on the roof of her flat in Porto";

    private static String tenant;
    private static Path export;

    @TempDir
    static Path temp;

    @BeforeAll
    static void exportTenantWithSemanticData() throws Exception {
        EmbeddedStores.migratedPostgresUrl();
        tenant = "sem-" + UUID.randomUUID().toString().substring(0, 8);
        EmbeddedStores.update("INSERT INTO tenants (id, name) VALUES (?, 'Semantic export')", tenant);
        EmbeddedStores.update("INSERT INTO kv_items (tenant_id, namespace, item_key, value, version) VALUES (?, 'ns', 'k', '\\x31', 7)", tenant);
        String m1 = tenant + "-m1";
        String m2 = tenant + "-m2";
        String m3 = tenant + "-m3";
        // A real embedding for the memory searched after the restore; made-up vectors of the right length for the rest.
        byte[] searched = Vectors.toBytes(new MiniLmEmbeddingProvider().embed(List.of(SEARCHED_TEXT)).get(0));
        insertMemory(m1, SEARCHED_TEXT, searched, null, 2, 3, "{\"source\": \"chat\", \"score\": 2.50, \"nested\": {\"ü\": [1, null]}}");
        insertMemory(m2, "Rosa has bees on her roof in Porto", syntheticEmbedding("m2"), m1, 1, 1, "{}");
        insertMemory(m3, "Rosa's favourite tea is lapsang souchong", syntheticEmbedding("m3"), null, 1, 4, "{\"n\": 12345678901234567890.125}");
        EmbeddedStores.update("""
                INSERT INTO memory_history (memory_id, version, event, text, topics, metadata, at) VALUES
                  (?, 1, 'created', 'Rosa keeps bees', '{hobby}', '{}', '2026-11-01 10:00:00.123456+00'),
                  (?, 2, 'merged-exact', 'rosa keeps bees', '{hobby,home}', '{"k": 1}', '2026-11-02 10:00:00.654321+00'),
                  (?, 1, 'created', 'Rosa has bees on her roof in Porto', '{}', '{}', '2026-11-03 10:00:00.000001+00')""", m1, m1, m2);
        EmbeddedStores.update("""
                INSERT INTO memory_sessions (tenant_id, session_id, user_id, summary, summary_tokens, created_at, last_active_at, expires_at)
                VALUES (?, 's1', 'rosa', 'Talked about bees.', 4, '2026-11-05 09:00:00.000007+00', '2026-11-05 09:30:00.5+00',
                        now() + interval '7 days' + interval '0.000003 seconds')""", tenant);
        EmbeddedStores.update("""
                INSERT INTO memory_session_messages (tenant_id, session_id, role, content, metadata, tokens, folded, created_at) VALUES
                  (?, 's1', 'user', 'Do bees sleep?', '{}', 4, true, '2026-11-05 09:00:01+00'),
                  (?, 's1', 'assistant', 'Yes, in short bouts. 🐝', '{"model": "x"}', 7, false, '2026-11-05 09:00:02.25+00'),
                  (?, 's1', 'user', 'Thanks', '{}', 1, false, '2026-11-05 09:00:03+00')""", tenant, tenant, tenant);
        EmbeddedStores.update("""
                INSERT INTO memory_entities (id, tenant_id, user_id, name, type, description, attributes, embedding, created_at, updated_at) VALUES
                  (?, ?, 'rosa', 'Rosa', 'person', 'A beekeeper', '{"age": 41}', ?, '2026-11-01 00:00:00.1+00', '2026-11-02 00:00:00.2+00'),
                  (?, ?, 'rosa', 'Porto', 'place', '', '{}', ?, '2026-11-01 00:00:00.3+00', '2026-11-01 00:00:00.3+00')""",
                tenant + "-e1", tenant, syntheticEmbedding("e1"), tenant + "-e2", tenant, syntheticEmbedding("e2"));
        EmbeddedStores.update("""
                INSERT INTO memory_relations (id, tenant_id, user_id, source_id, relation, target_id, attributes, created_at)
                VALUES (?, ?, 'rosa', ?, 'lives_in', ?, '{"since": 2019}', '2026-11-04 00:00:00.000042+00')""",
                tenant + "-r1", tenant, tenant + "-e1", tenant + "-e2");
        EmbeddedStores.update("INSERT INTO tenant_feature_flags (tenant_id, feature, enabled, updated_at) VALUES (?, 'learned-placement', false,"
                + " '2026-11-06 12:00:00.987654+00')", tenant);

        export = temp.resolve("export");
        AdminRun run = AdminRun.run(SOURCE, false, "export", "--tenant", tenant, "-o", export.toString(), "--no-progress");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Exported 1 item(s)").contains("Exported 14 semantic-memory row(s): memories 3, memory_history 3, "
                + "memory_sessions 1, memory_session_messages 3, memory_entities 2, memory_relations 1, tenant_feature_flags 1")
                .contains("memory.jsonl.gz  sha256 ");
    }

    private static void insertMemory(String id, String text, byte[] embedding, String duplicateOf, int mergedCount, long version,
                                     String metadata) {
        EmbeddedStores.update("""
                INSERT INTO memories (id, tenant_id, user_id, session_id, text, text_hash, topics, entities, importance, metadata,
                                      embedding, duplicate_of, merged_count, version, created_at, updated_at)
                VALUES (?, ?, 'rosa', CASE WHEN ? = 1 THEN 's1' END, ?, sha256(convert_to(lower(?), 'UTF8')), '{hobby,home}', '{Rosa,Porto}',
                        0.7, ?::jsonb, ?, ?, ?, ?, '2026-11-01 10:00:00.123456+00', now())""",
                id, tenant, mergedCount, text, text, metadata, embedding, duplicateOf, mergedCount, version);
    }

    /** A unit vector of the model's length (random bytes would hold NaNs, which the import refuses). */
    private static byte[] syntheticEmbedding(String seed) {
        java.util.Random random = new java.util.Random(seed.hashCode());
        float[] vector = new float[MiniLmEmbeddingProvider.DIMENSIONS];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        return Vectors.toBytes(Vectors.normalize(vector));
    }

    @Test
    void restoreIsExactAndImportingTwiceChangesNothing() throws Exception {
        JsonNode manifest = new ObjectMapper().readTree(export.resolve("manifest.json").toFile());
        assertThat(manifest.get("formatVersion").asInt()).isEqualTo(2);
        assertThat(manifest.get("memoryFile").asText()).isEqualTo("memory.jsonl.gz");
        assertThat(manifest.get("memoryRows").toString()).isEqualTo("{\"memories\":3,\"memory_history\":3,\"memory_sessions\":1,"
                + "\"memory_session_messages\":3,\"memory_entities\":2,\"memory_relations\":1,\"tenant_feature_flags\":1}");
        assertThat(manifest.get("memorySha256").asText()).hasSize(64);

        String target = migratedDatabase("semantic");
        AdminRun first = AdminRun.run(target, false, "import", export.toString(), "--no-progress");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("Verified 14 semantic-memory row(s)").contains("Imported semantic memory: 14 row(s) written, 0 already present; "
                + "per table written/in export: memories 3/3, memory_history 3/3, memory_sessions 1/1, memory_session_messages 3/3, memory_entities 2/2, "
                + "memory_relations 1/1, tenant_feature_flags 1/1");
        assertThat(fingerprints(target)).isEqualTo(fingerprints(SOURCE));
        // The trigger wrote the change feed, which running servers' indexes follow.
        assertThat(query(target, "SELECT count(DISTINCT memory_id) FROM memory_changes")).isEqualTo("3");
        // Messages kept their seq; a new message of the session must not collide with them.
        assertThat(query(target, "SELECT pg_sequence_last_value(pg_get_serial_sequence('memory_session_messages', 'seq')::regclass)"
                + " >= max(seq) FROM memory_session_messages")).isEqualTo("t");
        update(target, "INSERT INTO memory_session_messages (tenant_id, session_id, role, content, tokens) VALUES ('" + tenant
                + "', 's1', 'user', 'after the restore', 3)");
        update(target, "DELETE FROM memory_session_messages WHERE content = 'after the restore'");

        String changes = query(target, "SELECT count(*) FROM memory_changes");
        AdminRun second = AdminRun.run(target, false, "import", export.toString(), "--no-progress", "--json");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        JsonNode result = new ObjectMapper().readTree(second.out());
        assertThat(result.get("memory").get("memories").toString()).isEqualTo("{\"rows\":3,\"written\":0,\"unchanged\":3}");
        assertThat(result.get("memory").get("memory_history").toString()).isEqualTo("{\"rows\":3,\"written\":0,\"unchanged\":3}");
        result.get("memory").forEach(table -> assertThat(table.get("written").asLong()).isZero());
        assertThat(fingerprints(target)).as("a second import changes nothing, history is not duplicated").isEqualTo(fingerprints(SOURCE));
        assertThat(query(target, "SELECT count(*) FROM memory_changes")).isEqualTo(changes);

        // --all (no tenant filter) exports the same rows from the restored database, which holds only this tenant.
        Path all = temp.resolve("all-from-restored");
        AdminRun everything = AdminRun.run(target, false, "export", "--all", "-o", all.toString(), "--no-progress");
        assertThat(everything.exitCode()).as(everything.toString()).isZero();
        assertThat(new ObjectMapper().readTree(all.resolve("manifest.json").toFile()).get("memoryRows")).isEqualTo(manifest.get("memoryRows"));
    }

    @Test
    void importInterruptedInTheMemoryFileIsCompletedByRunningItAgain() throws Exception {
        String target = migratedDatabase("partial");
        assertThat(AdminRun.run(target, false, "import", export.toString(), "--no-progress").exitCode()).isZero();
        // The state a kill during the memory file leaves: items done (checkpoint at their end), some rows
        // written, some not, among them history of a memory that is already there.
        update(target, "DELETE FROM memory_history WHERE version = 2");
        update(target, "DELETE FROM memory_session_messages WHERE seq = (SELECT max(seq) FROM memory_session_messages)");
        update(target, "DELETE FROM memory_relations");
        update(target, "DELETE FROM tenant_feature_flags");
        Path checkpoint = temp.resolve("partial.checkpoint");
        JsonNode manifest = new ObjectMapper().readTree(export.resolve("manifest.json").toFile());
        new Checkpoint(manifest.get("sha256").asText(), manifest.get("items").asLong()).write(checkpoint);

        AdminRun again = AdminRun.run(target, false, "import", export.toString(), "--no-progress", "--checkpoint", checkpoint.toString());
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("Resuming after line 1 of 1").contains("4 row(s) written, 10 already present")
                .contains("memories 0/3, memory_history 1/3, memory_sessions 0/1, "
                + "memory_session_messages 1/3, memory_entities 0/2, memory_relations 1/1, tenant_feature_flags 1/1");
        assertThat(fingerprints(target)).isEqualTo(fingerprints(SOURCE));
        assertThat(checkpoint).doesNotExist();
    }

    @Test
    void restoredMemoryIsFoundBySearchOfARunningServer() throws Exception {
        String target = migratedDatabase("search");
        // Started before the import: its index is empty and can learn of the memories only from the change feed.
        try (TestServer server = TestServer.withoutRedis(Map.of("strata.durable.url", AdminRun.databaseUrl(target)))) {
            AdminRun run = AdminRun.run(target, false, "import", export.toString(), "--no-progress");
            assertThat(run.exitCode()).as(run.toString()).isZero();
            ApiClient api = server.client();
            ApiClient.Response key = api.admin("POST", "/v1/admin/tenants/" + tenant + "/keys", "{\"name\":\"restored\"}");
            assertThat(key.status()).as(key.body()).isEqualTo(201);
            ApiClient.Tenant restored = new ApiClient.Tenant(tenant, key.json().get("key").asText());
            String found = "";
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!found.contains(tenant + "-m1") && System.nanoTime() < deadline) {
                ApiClient.Response search = api.as(restored, "POST", "/v1/memories/search",
                        "{\"userId\":\"rosa\",\"query\":\"who keeps bees in Porto?\",\"topK\":3}");
                assertThat(search.status()).as(search.body()).isEqualTo(200);
                found = search.body();
                Thread.sleep(100);
            }
            assertThat(found).contains(tenant + "-m1").contains(SEARCHED_TEXT);
        }
    }

    @Test
    void damagedMemoryLineIsNamedAndNothingIsImported() throws Exception {
        Path damaged = copyWithMemoryLines("damaged", lines -> {
            // Line 4 is the first history row; one changed letter of its text, still valid JSON.
            lines.set(3, lines.get(3).replace("Rosa keeps bees", "Rosa keeps bets"));
            return lines;
        });
        String target = migratedDatabase("damagedmem");
        AdminRun run = AdminRun.run(target, false, "import", damaged.toString(), "--no-progress");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(5);
        assertThat(run.err()).contains("memory.jsonl.gz line 4: memory_history row does not match its crc32c (damaged).")
                .contains("Nothing was imported").doesNotContain("Exception").doesNotContain("\tat ");
        assertNothingImported(target);

        // Not JSON at all: named by line too.
        Path garbled = copyWithMemoryLines("garbled", lines -> {
            lines.set(6, lines.get(6).substring(0, 40));
            return lines;
        });
        AdminRun notJson = AdminRun.run(target, false, "import", garbled.toString(), "--no-progress");
        assertThat(notJson.exitCode()).isEqualTo(5);
        assertThat(notJson.err()).contains("memory.jsonl.gz line 7: not a valid memory record").contains("Nothing was imported");
        assertNothingImported(target);

        // A lost last line: every line is fine, the counts are not.
        Path truncated = copyWithMemoryLines("truncated", lines -> lines.subList(0, lines.size() - 1));
        AdminRun shortFile = AdminRun.run(target, false, "import", truncated.toString(), "--no-progress");
        assertThat(shortFile.exitCode()).isEqualTo(5);
        assertThat(shortFile.err()).contains("memory.jsonl.gz holds 0 tenant_feature_flags row(s) but the manifest says 1")
                .contains("Nothing was imported");
        assertNothingImported(target);
    }

    @Test
    void embeddingOfAnotherLengthOrNotFiniteIsRefused() throws Exception {
        Path other = copyWithMemoryLines("othermodel", lines -> {
            // A well-formed line with a correct checksum, but a 768-dimension vector: another model's.
            ObjectNode row = (ObjectNode) readRow(lines.get(1));
            row.put("embedding", java.util.Base64.getEncoder().encodeToString(new byte[768 * 4]));
            lines.set(1, line("memories", row));
            return lines;
        });
        String target = migratedDatabase("othermodel");
        AdminRun run = AdminRun.run(target, false, "import", other.toString(), "--no-progress");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(5);
        assertThat(run.err()).contains("memory.jsonl.gz line 2: memories.embedding is 3072 bytes; this server's model (384 dimensions, "
                + "float32) produces 1536").contains("Nothing was imported");
        assertNothingImported(target);

        Path notFinite = copyWithMemoryLines("nan", lines -> {
            ObjectNode row = (ObjectNode) readRow(lines.get(2));
            byte[] bytes = java.util.Base64.getDecoder().decode(row.get("embedding").asText());
            java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(8, Float.NaN);
            row.put("embedding", java.util.Base64.getEncoder().encodeToString(bytes));
            lines.set(2, line("memories", row));
            return lines;
        });
        AdminRun nan = AdminRun.run(target, false, "import", notFinite.toString(), "--no-progress");
        assertThat(nan.exitCode()).as(nan.toString()).isEqualTo(5);
        assertThat(nan.err()).contains("memory.jsonl.gz line 3: memories.embedding holds a component that is not a finite number");
        assertNothingImported(target);
    }

    @Test
    void namespaceExportHasNoSemanticFile() throws Exception {
        Path dir = temp.resolve("ns-only");
        AdminRun run = AdminRun.run(SOURCE, false, "export", "--tenant", tenant, "--namespace", "ns", "-o", dir.toString(), "--no-progress");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Semantic memory not exported (a --namespace export holds items only)");
        assertThat(dir.resolve("memory.jsonl.gz")).doesNotExist();
        assertThat(new ObjectMapper().readTree(dir.resolve("manifest.json").toFile()).get("memoryFile").isNull()).isTrue();
        AdminRun help = AdminRun.raw("export", "--help");
        assertThat(help.out().replaceAll("\\s+", " ")).contains("semantic memory is not per namespace and is not exported");
    }

    @Test
    void versionOneExportStillImports() throws Exception {
        Path v1 = temp.resolve("v1");
        Files.createDirectories(v1);
        Files.copy(export.resolve("items.jsonl.gz"), v1.resolve("items.jsonl.gz"));
        ObjectNode manifest = (ObjectNode) new ObjectMapper().readTree(export.resolve("manifest.json").toFile());
        manifest.put("formatVersion", 1);
        manifest.remove(List.of("memoryFile", "memoryRows", "memorySha256"));
        Files.writeString(v1.resolve("manifest.json"), manifest.toPrettyString());
        String target = migratedDatabase("versionone");
        AdminRun run = AdminRun.run(target, false, "import", v1.toString(), "--no-progress");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Imported: 1 written").contains("No semantic memory in this export (format version 1: items only)");
        assertThat(query(target, "SELECT count(*) FROM kv_items")).isEqualTo("1");
        assertThat(query(target, "SELECT count(*) FROM memories")).isEqualTo("0");
    }

    private static void assertNothingImported(String target) throws Exception {
        assertThat(query(target, "SELECT (SELECT count(*) FROM tenants) + (SELECT count(*) FROM kv_items) + (SELECT count(*) FROM memories)"
                + " + (SELECT count(*) FROM memory_sessions) + (SELECT count(*) FROM memory_entities)")).isEqualTo("0");
    }

    /** A copy of the export whose memory file went through {@code edit} (the manifest is left as it was). */
    private static Path copyWithMemoryLines(String name, UnaryOperator<List<String>> edit) throws Exception {
        Path dir = temp.resolve(name);
        Files.createDirectories(dir);
        Files.copy(export.resolve("manifest.json"), dir.resolve("manifest.json"));
        Files.copy(export.resolve("items.jsonl.gz"), dir.resolve("items.jsonl.gz"));
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(export.resolve("memory.jsonl.gz"))), StandardCharsets.UTF_8))) {
            reader.lines().forEach(lines::add);
        }
        try (BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(dir.resolve("memory.jsonl.gz"))), StandardCharsets.UTF_8))) {
            for (String l : edit.apply(lines)) {
                writer.write(l);
                writer.write('\n');
            }
        }
        return dir;
    }

    private static JsonNode readRow(String line) {
        try {
            return new ObjectMapper().readTree(line).get("row");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A line as the export writes it, with a correct CRC-32C of the row's text. */
    private static String line(String table, JsonNode row) {
        String rowText = row.toString();
        CRC32C crc = new CRC32C();
        crc.update(rowText.getBytes(StandardCharsets.UTF_8));
        return "{\"table\":\"" + table + "\",\"crc32c\":\"" + HexFormat.of().toHexDigits((int) crc.getValue()) + "\",\"row\":" + rowText + "}";
    }

    private static String migratedDatabase(String prefix) {
        String target = AdminRun.newDatabase(prefix);
        assertThat(AdminRun.run(target, false, "migrate").exitCode()).isZero();
        return target;
    }

    /** Per table: row count and an md5 over every column of every row, in a fixed order. */
    private static Map<String, String> fingerprints(String database) throws Exception {
        Map<String, String> result = new java.util.TreeMap<>();
        for (Map.Entry<String, String> table : TABLES.entrySet()) {
            result.put(table.getKey(), query(database, "SELECT count(*) || ':' || coalesce(md5(string_agg(r, '|' ORDER BY r)), '-') FROM ("
                    + table.getValue().formatted(tenant) + ") AS rows (r)"));
        }
        return result;
    }
}

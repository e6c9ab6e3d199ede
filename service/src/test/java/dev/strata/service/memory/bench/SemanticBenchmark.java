package dev.strata.service.memory.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.strata.service.memory.embedding.EmbeddingBatcher;
import dev.strata.service.memory.embedding.MiniLmEmbeddingProvider;
import dev.strata.service.memory.embedding.Vectors;
import dev.strata.service.memory.index.IndexFilter;
import dev.strata.service.memory.index.IndexHit;
import dev.strata.service.memory.index.IndexSource;
import dev.strata.service.memory.index.IndexSync;
import dev.strata.service.memory.index.MemoryIndex;
import dev.strata.service.support.ApiClient;
import dev.strata.service.support.EmbeddedStores;
import dev.strata.service.support.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Semantic-memory benchmarks: embedding throughput of the in-process model; index rebuild from
 * PostgreSQL, search latency (p50/p99) and recall@10 against exact search at several sizes
 * (synthetic clustered unit vectors, one user: the worst case, as every search filters over all
 * of them); write-to-searchable lag between two server instances.
 *
 * <p>Run: {@code bench/semantic-benchmarks.sh [sizes, default 10000,100000] [index-only]}. Results go to
 * stdout and target/semantic-bench.md; docs/benchmarks/semantic.md quotes them.
 */
public final class SemanticBenchmark {

    private static final int DIMENSIONS = MiniLmEmbeddingProvider.DIMENSIONS;
    private static final int QUERIES = 300;
    private static final int WARMUP = 100;
    /** Beams compared at every size, before and after merging the index into one segment. */
    private static final int[] BEAMS = {100, 200, 400, 800};
    private static final StringBuilder REPORT = new StringBuilder();

    private SemanticBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "10000,100000").split(",")).mapToInt(Integer::parseInt).toArray();
        out("# Semantic memory benchmark%n%nCores: %d, max heap: %d MiB, JVM %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
        boolean indexOnly = args.length > 1 && args[1].equals("index-only");
        if (!indexOnly) {
            embeddingThroughput();
        }
        for (int size : sizes) {
            indexAtSize(size);
        }
        if (!indexOnly) {
            crossInstanceLag();
        }
        Files.writeString(Path.of("service", "target", indexOnly ? "semantic-bench-index.md" : "semantic-bench.md"), REPORT);
        System.exit(0);
    }

    private static void out(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        System.out.print(text);
        REPORT.append(text);
    }

    private static void embeddingThroughput() throws Exception {
        MiniLmEmbeddingProvider model = new MiniLmEmbeddingProvider();
        List<String> sentences = new ArrayList<>();
        Random random = new Random(1);
        String[] words = ("the user likes coffee tea music hiking boots travel Japan Lisbon nurse software bicycle dog cat daughter "
                + "school allergy peanuts marathon train flight window seat mortgage bank card passport expires November").split(" ");
        for (int i = 0; i < 512; i++) {
            StringBuilder sentence = new StringBuilder();
            for (int w = 0; w < 8 + random.nextInt(12); w++) {
                sentence.append(words[random.nextInt(words.length)]).append(' ');
            }
            sentences.add(sentence.toString().trim() + ".");
        }
        model.embed(sentences.subList(0, 64));
        out("%n## Embedding throughput (all-MiniLM-L6-v2 quantized, %d dims, sentences of 8-20 words)%n%n", DIMENSIONS);
        out("| how | sentences/s | ms per sentence |%n|---|---|---|%n");
        for (int batch : new int[] {1, 8, 32}) {
            long start = System.nanoTime();
            int done = 0;
            for (int i = 0; i + batch <= 256; i += batch) {
                model.embed(sentences.subList(i, i + batch));
                done += batch;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            out("| one thread, batches of %d | %.0f | %.2f |%n", batch, done / seconds, seconds * 1000 / done);
        }
        try (EmbeddingBatcher batcher = new EmbeddingBatcher(model, 32, 2)) {
            ExecutorService clients = Executors.newFixedThreadPool(16);
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 512; i++) {
                String sentence = sentences.get(i);
                futures.add(clients.submit(() -> batcher.embedOne(sentence)));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            out("| EmbeddingBatcher (2 workers), 16 concurrent single-text callers | %.0f | %.2f |%n", 512 / seconds, seconds * 1000 / 512);
            clients.shutdown();
        }
    }

    /** Unit vectors around 2000 random centres: closer to real embeddings than uniform noise. */
    private static float[][] clustered(int n, long seed) {
        Random random = new Random(seed);
        float[][] centres = new float[2000][DIMENSIONS];
        for (float[] centre : centres) {
            for (int d = 0; d < DIMENSIONS; d++) {
                centre[d] = (float) random.nextGaussian();
            }
        }
        float[][] vectors = new float[n][];
        for (int i = 0; i < n; i++) {
            float[] centre = centres[random.nextInt(centres.length)];
            float[] v = new float[DIMENSIONS];
            for (int d = 0; d < DIMENSIONS; d++) {
                v[d] = centre[d] + 0.8f * (float) random.nextGaussian();
            }
            vectors[i] = Vectors.normalize(v);
        }
        return vectors;
    }

    private static void indexAtSize(int size) throws SQLException, IOException {
        float[][] vectors = clustered(size, size);
        String tenant = "bench-" + size;
        try (HikariDataSource db = EmbeddedStores.migratedDataSource(4)) {
            JdbcTemplate jdbc = new JdbcTemplate(db);
            jdbc.update("DELETE FROM tenants WHERE id LIKE 'bench-%'");
            jdbc.update("INSERT INTO tenants (id, name) VALUES (?, ?)", tenant, tenant);
            long insertStart = System.nanoTime();
            try (Connection connection = db.getConnection();
                 PreparedStatement insert = connection.prepareStatement("INSERT INTO memories (id, tenant_id, user_id, text, text_hash, embedding) VALUES (?, ?, 'u', ?, ?, ?)")) {
                connection.setAutoCommit(false);
                for (int i = 0; i < size; i++) {
                    insert.setString(1, "b" + i);
                    insert.setString(2, tenant);
                    insert.setString(3, "synthetic memory number " + i + " about topic " + (i % 97));
                    insert.setBytes(4, java.nio.ByteBuffer.allocate(8).putLong(i).array());
                    insert.setBytes(5, Vectors.toBytes(vectors[i]));
                    insert.addBatch();
                    if (i % 1000 == 999) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
                insert.executeBatch();
                connection.commit();
            }
            double insertSeconds = (System.nanoTime() - insertStart) / 1e9;

            Path dir = Files.createTempDirectory("strata-bench-index");
            try (MemoryIndex index = new MemoryIndex(dir, true)) {
                double rebuildSeconds = IndexSync.rebuild(new IndexSource(jdbc, new ObjectMapper()), index,
                        Runtime.getRuntime().availableProcessors()) / 1e3;
                out("%n## %,d memories%n%nPostgreSQL insert (batches of 1000): %.1f s; **index rebuild from PostgreSQL: %.1f s** "
                        + "(%,.0f memories/s); index size on disk: %,d MiB (%d documents)%n%n",
                        size, insertSeconds, rebuildSeconds, size / rebuildSeconds, index.sizeBytes() >> 20, index.documents());
                out("Segments after the rebuild: %d%n%n", index.segments());
                Workload workload = workload(vectors);
                search(index, tenant, workload, BEAMS);
                long mergeStart = System.nanoTime();
                index.forceMerge(1);
                out("%nAfter forceMerge(1) (%.1f s more): %d segment(s), %,d MiB on disk%n%n", (System.nanoTime() - mergeStart) / 1e9,
                        index.segments(), index.sizeBytes() >> 20);
                search(index, tenant, workload, BEAMS);
            }
        }
    }

    /** Queries (stored vectors plus noise) and their exact top 10, computed once per size and shared by every beam. */
    private record Workload(float[][] queries, List<Set<String>> exactTop10) {
    }

    private static Workload workload(float[][] vectors) {
        Random random = new Random(7);
        // At a million, exact search for the recall reference costs ~0.4 s per query on this machine: fewer queries.
        int count = WARMUP + (vectors.length >= 1_000_000 ? 200 : QUERIES);
        float[][] queries = new float[count][];
        for (int q = 0; q < count; q++) {
            float[] base = vectors[random.nextInt(vectors.length)];
            float[] query = new float[DIMENSIONS];
            for (int d = 0; d < DIMENSIONS; d++) {
                query[d] = base[d] + 0.05f * (float) random.nextGaussian();
            }
            queries[q] = Vectors.normalize(query);
        }
        List<Set<String>> exact = java.util.stream.IntStream.range(0, count).parallel()
                .mapToObj(q -> q < WARMUP ? Set.<String>of() : exactTop10(queries[q], vectors)).toList();
        return new Workload(queries, exact);
    }

    private static void search(MemoryIndex index, String tenant, Workload workload, int[] beams) {
        IndexFilter filter = IndexFilter.owner(tenant, "u");
        out("| beam (neighbours asked of HNSW) | p50 ms | p99 ms | recall@10 vs exact |%n|---|---|---|---|%n");
        int queries = workload.queries().length - WARMUP;
        for (int beam : beams) {
            long[] nanos = new long[queries];
            double recall = 0;
            for (int q = 0; q < workload.queries().length; q++) {
                long start = System.nanoTime();
                List<IndexHit> hits = index.nearest(workload.queries()[q], filter, 10, beam);
                long elapsed = System.nanoTime() - start;
                if (q >= WARMUP) {
                    nanos[q - WARMUP] = elapsed;
                    recall += recallAt10(hits, workload.exactTop10().get(q));
                }
            }
            Arrays.sort(nanos);
            out("| %d | %.2f | %.2f | %.3f |%n", beam, nanos[queries / 2] / 1e6, nanos[(int) (queries * 0.99)] / 1e6, recall / queries);
        }
        hybrid(index, filter, workload);
    }

    /**
     * What POST /v1/memories/search asks of the index for a top 10 (minus embedding the query): 50
     * vector candidates at the index's own beam plus the BM25 matches of a short query whose words
     * occur in many stored texts ("memory", "topic") and in few (the topic number).
     */
    private static void hybrid(MemoryIndex index, IndexFilter filter, Workload workload) {
        int queries = workload.queries().length - WARMUP;
        long[] nanos = new long[queries];
        for (int q = 0; q < workload.queries().length; q++) {
            String text = "memory about topic " + (q % 97);
            long start = System.nanoTime();
            index.candidates(workload.queries()[q], text, filter, 50);
            long elapsed = System.nanoTime() - start;
            if (q >= WARMUP) {
                nanos[q - WARMUP] = elapsed;
            }
        }
        Arrays.sort(nanos);
        out("%nHybrid candidates as a search takes them (50 vector candidates at beam %d + BM25 of \"memory about topic N\"): "
                + "p50 %.2f ms, p99 %.2f ms%n%n", MemoryIndex.DEFAULT_SEARCH_BEAM, nanos[queries / 2] / 1e6, nanos[(int) (queries * 0.99)] / 1e6);
    }

    private static Set<String> exactTop10(float[] query, float[][] vectors) {
        int[] best = new int[10];
        float[] bestScore = new float[10];
        Arrays.fill(bestScore, -2);
        for (int i = 0; i < vectors.length; i++) {
            float score = Vectors.dot(query, vectors[i]);
            if (score > bestScore[9]) {
                int at = 9;
                while (at > 0 && bestScore[at - 1] < score) {
                    bestScore[at] = bestScore[at - 1];
                    best[at] = best[at - 1];
                    at--;
                }
                bestScore[at] = score;
                best[at] = i;
            }
        }
        Set<String> exact = new HashSet<>();
        for (int i : best) {
            exact.add("b" + i);
        }
        return exact;
    }

    private static double recallAt10(List<IndexHit> hits, Set<String> exact) {
        int found = 0;
        for (int i = 0; i < Math.min(10, hits.size()); i++) {
            found += exact.contains(hits.get(i).id()) ? 1 : 0;
        }
        return found / 10.0;
    }

    private static void crossInstanceLag() throws InterruptedException {
        try (TestServer a = TestServer.withoutRedis(Map.of()); TestServer b = TestServer.withoutRedis(Map.of())) {
            ApiClient api = a.client();
            ApiClient.Tenant tenant = api.newTenant();
            MemoryIndex other = b.bean(MemoryIndex.class);
            MemoryIndex writer = a.bean(MemoryIndex.class);
            long[] lagsMicros = new long[50];
            long[] writeMicros = new long[50];
            for (int i = -5; i < 50; i++) {
                long start = System.nanoTime();
                String id = api.as(tenant, "POST", "/v1/memories", "{\"userId\":\"lag\",\"text\":\"lag probe " + i + " " + System.nanoTime() + "\"}")
                        .json().get("memory").get("id").asText();
                long acknowledged = System.nanoTime();
                if (!writer.contains(id)) {
                    throw new IllegalStateException("not searchable on the writer at acknowledgement");
                }
                while (!other.contains(id)) {
                    Thread.sleep(0, 200_000);
                }
                if (i >= 0) {
                    lagsMicros[i] = (System.nanoTime() - acknowledged) / 1000;
                    writeMicros[i] = (acknowledged - start) / 1000;
                }
            }
            Arrays.sort(lagsMicros);
            Arrays.sort(writeMicros);
            out("%n## Write-to-searchable lag, two instances on one PostgreSQL (feed poll every 50 ms)%n%n"
                    + "| | p50 ms | p99 ms | max ms |%n|---|---|---|---|%n"
                    + "| POST /v1/memories (embed + dedup + commit + local index refresh) | %.1f | %.1f | %.1f |%n"
                    + "| acknowledged on A → searchable on B | %.1f | %.1f | %.1f |%n",
                    writeMicros[25] / 1e3, writeMicros[49] / 1e3, writeMicros[49] / 1e3,
                    lagsMicros[25] / 1e3, lagsMicros[49] / 1e3, lagsMicros[49] / 1e3);
        }
    }
}

package dev.strata.service.memory.index;

import dev.strata.service.memory.embedding.Vectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * The in-process index of long-term memories: an HNSW graph over the embeddings and BM25 over the
 * text, side by side in one Lucene index. Derived data only — PostgreSQL is the source of truth,
 * and the index is rebuilt from it at start-up ({@link IndexSync}). Every query carries the
 * tenant/user filter (one {@code owner} term), so isolation does not depend on callers.
 */
public final class MemoryIndex implements AutoCloseable {

    private static final String ID = "id";
    private static final String OWNER = "owner";
    private static final String TENANT = "tenant";
    private static final String TENANT_VALUES = "tenant_dv";
    private static final String USER_VALUES = "user_dv";
    private static final String VERSION_VALUES = "version_dv";
    private static final String SESSION = "session";
    private static final String TOPIC = "topic";
    private static final String ENTITY = "entity";
    private static final String META = "meta";
    private static final String CREATED = "created";
    private static final String CREATED_VALUES = "created_dv";
    private static final String ID_VALUES = "id_dv";
    private static final String TEXT = "text";
    private static final String VECTOR = "vec";
    /**
     * At a million memories in one segment, a beam of 400 found 0.976 of the exact top 10 with p99
     * 2.5 ms; 100 found only 0.72 (docs/benchmarks/semantic.md).
     */
    public static final int DEFAULT_SEARCH_BEAM = 400;

    private final Path directoryPath;
    private final boolean temporary;
    private final Directory directory;
    private final Analyzer analyzer = new EnglishAnalyzer();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final int searchBeam;

    public MemoryIndex(Path directoryPath, boolean temporary) {
        this(directoryPath, temporary, DEFAULT_SEARCH_BEAM);
    }

    /**
     * @param searchBeam the fewest nearest neighbours asked of the HNSW graph per search (Lucene's
     *     k, HNSW's "ef"): a wider beam explores more of the graph, raising recall at a cost
     *     roughly linear in it
     */
    public MemoryIndex(Path directoryPath, boolean temporary, int searchBeam) {
        if (searchBeam < 1) {
            throw new IllegalArgumentException("search beam must be at least 1, not " + searchBeam);
        }
        this.searchBeam = searchBeam;
        this.directoryPath = directoryPath;
        this.temporary = temporary;
        try {
            this.directory = FSDirectory.open(directoryPath);
            TieredMergePolicy merges = new TieredMergePolicy();
            // An erasure must leave nothing in the files either: expungeDeletes() rewrites every segment holding a deleted document.
            merges.setForceMergeDeletesPctAllowed(0);
            IndexWriterConfig config = new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                    .setMergePolicy(merges)
                    .setRAMBufferSizeMB(256);
            this.writer = new IndexWriter(directory, config);
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the memory index in " + directoryPath, e);
        }
    }

    /** Adds or replaces memories; visible to searches after {@link #refresh()}. */
    public void upsert(List<IndexedMemory> memories) {
        try {
            for (IndexedMemory memory : memories) {
                writer.updateDocument(new Term(ID, memory.id()), document(memory));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds memories known to be absent (the start-up rebuild): no delete-by-id per document. */
    public void add(List<IndexedMemory> memories) {
        try {
            for (IndexedMemory memory : memories) {
                writer.addDocument(document(memory));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void delete(List<String> ids) {
        try {
            writer.deleteDocuments(ids.stream().map(id -> new Term(ID, id)).toArray(Term[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Physically removes deleted documents: a delete only marks a document, its terms and vector
     * stay in the segment files until the segment is rewritten. Costs a rewrite of every segment
     * that has a deletion, so callers run it in the background.
     */
    public void expungeDeletes() {
        try {
            writer.forceMergeDeletes(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        refresh();
    }

    /** Documents, deleted ones included until they are expunged, whose text contains this (analysed) word. */
    public int textTermDocuments(String word) {
        IndexSearcher searcher = acquire();
        try (TokenStream tokens = analyzer.tokenStream(TEXT, word)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            int documents = 0;
            while (tokens.incrementToken()) {
                documents += searcher.getIndexReader().docFreq(new Term(TEXT, term.toString()));
            }
            tokens.end();
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(searcher);
        }
    }

    /** Merges the index into at most {@code segments} segments (one HNSW graph each) and refreshes. */
    public void forceMerge(int segments) {
        try {
            writer.forceMerge(segments);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        refresh();
    }

    public int segments() {
        IndexSearcher searcher = acquire();
        try {
            return searcher.getIndexReader().leaves().size();
        } finally {
            release(searcher);
        }
    }

    /** Makes every earlier upsert and delete visible to searches; blocks until it is. */
    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Hybrid candidates: the {@code candidates} nearest vectors and the {@code candidates} best
     * BM25 matches within the filter, each with both its cosine similarity (exact, from the
     * stored vector) and its keyword score.
     */
    public List<IndexHit> candidates(float[] query, String queryText, IndexFilter filter, int candidates) {
        return candidates(query, queryText, filter, candidates, searchBeam);
    }

    private List<IndexHit> candidates(float[] query, String queryText, IndexFilter filter, int candidates, int beam) {
        Query restriction = filterQuery(filter);
        IndexSearcher searcher = acquire();
        try {
            Map<Integer, Float> keywordScores = new HashMap<>();
            Set<Integer> docs = new LinkedHashSet<>();
            // HNSW explores about k nodes per layer: a beam wider than the page keeps recall high for small pages.
            int k = Math.max(candidates, beam);
            for (ScoreDoc hit : searcher.search(new KnnFloatVectorQuery(VECTOR, query, k, restriction), k).scoreDocs) {
                if (docs.size() < candidates) {
                    docs.add(hit.doc);
                }
            }
            Query keywords = keywordQuery(queryText);
            if (keywords != null) {
                Query scoped = new BooleanQuery.Builder().add(keywords, Occur.MUST).add(restriction, Occur.FILTER).build();
                // Read deeper than the keyword top-n, so vector candidates get their keyword scores too.
                ScoreDoc[] matches = searcher.search(scoped, Math.max(candidates * 4, 400)).scoreDocs;
                for (int i = 0; i < matches.length; i++) {
                    if (i < candidates) {
                        docs.add(matches[i].doc);
                    }
                    keywordScores.put(matches[i].doc, matches[i].score);
                }
            }
            return read(searcher, docs, query, keywordScores);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(searcher);
        }
    }

    /**
     * Id, creation time and exact similarity of each hit, read from doc values and the vector
     * file rather than stored fields: stored fields decompress a whole block per document, which
     * made p99 search latency several times p50 at 10k memories.
     */
    private static List<IndexHit> read(IndexSearcher searcher, Set<Integer> docs, float[] query, Map<Integer, Float> keywordScores)
            throws IOException {
        List<Integer> sorted = new ArrayList<>(docs);
        sorted.sort(null);
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        List<IndexHit> hits = new ArrayList<>(sorted.size());
        int leafIndex = -1;
        BinaryDocValues ids = null;
        NumericDocValues created = null;
        FloatVectorValues vectors = null;
        KnnVectorValues.DocIndexIterator ordinals = null;
        LeafReaderContext leaf = null;
        for (int doc : sorted) {
            int at = ReaderUtil.subIndex(doc, leaves);
            if (at != leafIndex) {
                leafIndex = at;
                leaf = leaves.get(at);
                ids = leaf.reader().getBinaryDocValues(ID_VALUES);
                created = leaf.reader().getNumericDocValues(CREATED_VALUES);
                vectors = leaf.reader().getFloatVectorValues(VECTOR);
                ordinals = vectors.iterator();
            }
            int local = doc - leaf.docBase;
            if (!ids.advanceExact(local) || !created.advanceExact(local) || ordinals.advance(local) != local) {
                continue;
            }
            hits.add(new IndexHit(ids.binaryValue().utf8ToString(), Vectors.dot(query, vectors.vectorValue(ordinals.index())),
                    keywordScores.getOrDefault(doc, 0f), created.longValue()));
        }
        return hits;
    }

    /** The nearest memories of one user by vector alone, most similar first (for deduplication). */
    public List<IndexHit> nearest(float[] query, IndexFilter filter, int k) {
        return nearest(query, filter, k, searchBeam);
    }

    /** {@link #nearest(float[], IndexFilter, int)} with another beam than the configured one (benchmarks compare them). */
    public List<IndexHit> nearest(float[] query, IndexFilter filter, int k, int beam) {
        return candidates(query, null, filter, k, beam).stream()
                .sorted(Comparator.comparingDouble(IndexHit::similarity).reversed()).limit(k).toList();
    }

    /** An indexed memory as a consistency check sees it. */
    public record Entry(String tenantId, String userId, long version) { }

    /**
     * Id → tenant, user and version of every indexed memory of a tenant (all tenants when null).
     * Walks every matching document: for consistency checks, not for requests.
     */
    public Map<String, Entry> entries(String tenant) {
        return entries(tenant == null ? new MatchAllDocsQuery() : new TermQuery(new Term(TENANT, tenant)));
    }

    /** The tenants that have documents in the index (deleted documents' tenants may linger until a merge). */
    public java.util.SortedSet<String> tenants() {
        IndexSearcher searcher = acquire();
        try {
            java.util.SortedSet<String> tenants = new java.util.TreeSet<>();
            org.apache.lucene.index.Terms terms = org.apache.lucene.index.MultiTerms.getTerms(searcher.getIndexReader(), TENANT);
            if (terms != null) {
                org.apache.lucene.index.TermsEnum each = terms.iterator();
                for (BytesRef term = each.next(); term != null; term = each.next()) {
                    tenants.add(term.utf8ToString());
                }
            }
            return tenants;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(searcher);
        }
    }

    /** The entries of these ids that the index holds. */
    public Map<String, Entry> entries(java.util.Collection<String> ids) {
        return entries(new org.apache.lucene.search.TermInSetQuery(ID, ids.stream().map(BytesRef::new).toList()));
    }

    private Map<String, Entry> entries(Query query) {
        IndexSearcher searcher = acquire();
        try {
            Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1);
            Map<String, Entry> entries = new HashMap<>();
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                Scorer scorer = weight.scorer(leaf);
                if (scorer == null) {
                    continue;
                }
                // A scorer walks deleted documents too; only live ones count.
                Bits live = leaf.reader().getLiveDocs();
                BinaryDocValues ids = leaf.reader().getBinaryDocValues(ID_VALUES);
                BinaryDocValues tenants = leaf.reader().getBinaryDocValues(TENANT_VALUES);
                BinaryDocValues users = leaf.reader().getBinaryDocValues(USER_VALUES);
                NumericDocValues versions = leaf.reader().getNumericDocValues(VERSION_VALUES);
                DocIdSetIterator docs = scorer.iterator();
                for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                    if ((live == null || live.get(doc)) && ids.advanceExact(doc) && tenants.advanceExact(doc) && users.advanceExact(doc)
                            && versions.advanceExact(doc)) {
                        entries.put(ids.binaryValue().utf8ToString(), new Entry(tenants.binaryValue().utf8ToString(),
                                users.binaryValue().utf8ToString(), versions.longValue()));
                    }
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(searcher);
        }
    }

    /** How many indexed memories pass the filter. */
    public int count(IndexFilter filter) {
        IndexSearcher searcher = acquire();
        try {
            return searcher.count(filterQuery(filter));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(searcher);
        }
    }

    public boolean contains(String id) {
        IndexSearcher searcher = acquire();
        try {
            return searcher.count(new TermQuery(new Term(ID, id))) > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(searcher);
        }
    }

    public int documents() {
        IndexSearcher searcher = acquire();
        try {
            return searcher.getIndexReader().numDocs();
        } finally {
            release(searcher);
        }
    }

    /** Bytes the index occupies on disk (memory-mapped when searched). */
    public long sizeBytes() {
        try (Stream<Path> files = Files.list(directoryPath)) {
            return files.mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    private IndexSearcher acquire() {
        try {
            return searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String owner(String tenantId, String userId) {
        return tenantId + '\u0000' + userId;
    }

    private Document document(IndexedMemory memory) {
        Document doc = new Document();
        doc.add(new StringField(ID, memory.id(), Field.Store.NO));
        doc.add(new BinaryDocValuesField(ID_VALUES, new BytesRef(memory.id())));
        doc.add(new StringField(OWNER, owner(memory.tenantId(), memory.userId()), Field.Store.NO));
        doc.add(new StringField(TENANT, memory.tenantId(), Field.Store.NO));
        doc.add(new BinaryDocValuesField(TENANT_VALUES, new BytesRef(memory.tenantId())));
        doc.add(new BinaryDocValuesField(USER_VALUES, new BytesRef(memory.userId())));
        doc.add(new NumericDocValuesField(VERSION_VALUES, memory.version()));
        if (memory.sessionId() != null) {
            doc.add(new StringField(SESSION, memory.sessionId(), Field.Store.NO));
        }
        memory.topics().forEach(topic -> doc.add(new StringField(TOPIC, topic, Field.Store.NO)));
        memory.entities().forEach(entity -> doc.add(new StringField(ENTITY, entity, Field.Store.NO)));
        memory.scalarMetadata().forEach((key, value) -> doc.add(new StringField(META, key + "=" + value, Field.Store.NO)));
        doc.add(new LongPoint(CREATED, memory.createdAtMs()));
        doc.add(new NumericDocValuesField(CREATED_VALUES, memory.createdAtMs()));
        doc.add(new TextField(TEXT, memory.text(), Field.Store.NO));
        doc.add(new KnnFloatVectorField(VECTOR, memory.vector(), VectorSimilarityFunction.DOT_PRODUCT));
        return doc;
    }

    private static Query filterQuery(IndexFilter filter) {
        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(OWNER, owner(filter.tenantId(), filter.userId()))), Occur.FILTER);
        if (filter.sessionId() != null) {
            query.add(new TermQuery(new Term(SESSION, filter.sessionId())), Occur.FILTER);
        }
        if (!filter.topics().isEmpty()) {
            query.add(anyOf(TOPIC, filter.topics()), Occur.FILTER);
        }
        if (!filter.entities().isEmpty()) {
            query.add(anyOf(ENTITY, filter.entities()), Occur.FILTER);
        }
        filter.metadata().forEach((key, value) -> query.add(new TermQuery(new Term(META, key + "=" + value)), Occur.FILTER));
        if (filter.fromMs() != Long.MIN_VALUE || filter.toMs() != Long.MAX_VALUE) {
            query.add(LongPoint.newRangeQuery(CREATED, filter.fromMs(), filter.toMs() == Long.MAX_VALUE ? Long.MAX_VALUE : filter.toMs() - 1), Occur.FILTER);
        }
        return query.build();
    }

    private static Query anyOf(String field, List<String> values) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        values.forEach(value -> any.add(new TermQuery(new Term(field, value)), Occur.SHOULD));
        any.setMinimumNumberShouldMatch(1);
        return any.build();
    }

    /** The query's words as optional BM25 terms; analysed as the text was (stemmed English). */
    private Query keywordQuery(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        BooleanQuery.Builder terms = new BooleanQuery.Builder();
        int count = 0;
        try (TokenStream tokens = analyzer.tokenStream(TEXT, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            Set<String> seen = new LinkedHashSet<>();
            while (tokens.incrementToken() && count < IndexSearcher.getMaxClauseCount() - 1) {
                if (seen.add(term.toString())) {
                    terms.add(new TermQuery(new Term(TEXT, term.toString())), Occur.SHOULD);
                    count++;
                }
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count == 0 ? null : terms.build();
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
            if (temporary) {
                try (Stream<Path> files = Files.walk(directoryPath)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

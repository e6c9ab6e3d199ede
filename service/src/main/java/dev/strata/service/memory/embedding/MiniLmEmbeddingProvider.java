package dev.strata.service.memory.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * all-MiniLM-L6-v2 (quantized ONNX, 384 dimensions) running in-process; the model ships inside a
 * Maven artifact, so no network and no model service is needed.
 */
public final class MiniLmEmbeddingProvider implements EmbeddingProvider {

    public static final int DIMENSIONS = 384;

    /**
     * The model is immutable and thread-safe; loading it costs about a second and 90 MB, so one
     * instance serves every server in the JVM (tests start several) and it is loaded on first use,
     * keeping start-up of servers that never embed unchanged.
     */
    private static final class Holder {
        static final EmbeddingModel MODEL = new AllMiniLmL6V2QuantizedEmbeddingModel();
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public String modelId() {
        return "all-minilm-l6-v2-q";
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        List<Embedding> embeddings = Holder.MODEL.embedAll(segments).content();
        List<float[]> vectors = new ArrayList<>(embeddings.size());
        for (Embedding embedding : embeddings) {
            vectors.add(Vectors.normalize(embedding.vector()));
        }
        return vectors;
    }
}

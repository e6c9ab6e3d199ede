package dev.strata.service.memory.embedding;

import java.util.List;

/**
 * Turns texts into unit-length vectors. The in-process model is the default; an HTTP provider
 * (an OpenAI-compatible embeddings endpoint, say) would implement this same interface.
 */
public interface EmbeddingProvider {

    /** Vector length; fixed for the life of the provider. */
    int dimensions();

    /** Identifies the model, so stored vectors from another model can be detected. */
    String modelId();

    /** One unit-length vector per text, in order. Callers batch; implementations may split. */
    List<float[]> embed(List<String> texts);
}

package dev.strata.service.memory.embedding;

import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;

/**
 * Counts tokens with the embedding model's own WordPiece tokenizer (bert-base-uncased vocabulary,
 * the one all-MiniLM-L6-v2 was trained with), so budgets are real token counts, not characters / 4.
 */
public final class TokenCounter {

    private static final class Holder {
        static final HuggingFaceTokenCountEstimator TOKENIZER = new HuggingFaceTokenCountEstimator();
    }

    public int count(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        return Holder.TOKENIZER.estimateTokenCountInText(text);
    }
}

package dev.strata.service.memory.session;

import java.util.List;

/**
 * Folds messages that leave a session's window into its running summary. Extractive by default;
 * an LLM summarizer (an OpenAI-compatible endpoint) would implement the same interface.
 */
public interface Summarizer {

    /** The new summary: the old one plus what matters of {@code folded}, within {@code capTokens}. */
    String fold(String summary, List<SessionMessage> folded, int capTokens);
}

package dev.strata.service.memory.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strata.service.memory.embedding.TokenCounter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Summarizes through an OpenAI-compatible {@code /chat/completions} endpoint (off by default:
 * {@code strata.memory.summarizer=llm}). Any failure — unreachable, an error status, an empty or
 * too long answer — falls back to the extractive summary, so folding never loses a message.
 * The API key is sent as a bearer token and never logged.
 */
public final class LlmSummarizer implements Summarizer {

    private static final Logger log = LoggerFactory.getLogger(LlmSummarizer.class);
    private static final String INSTRUCTIONS = "You keep a running summary of a conversation for an assistant's memory. "
            + "Merge the new messages into the summary. Keep facts, names, numbers, preferences and decisions; drop small talk. "
            + "Answer with the summary only, at most %d tokens.";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;
    private final String model;
    private final String apiKey;
    private final TokenCounter tokens;
    private final Summarizer fallback;
    private final ObjectMapper json = new ObjectMapper();

    public LlmSummarizer(String baseUrl, String model, String apiKey, TokenCounter tokens, Summarizer fallback) {
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/chat/completions");
        this.model = model;
        this.apiKey = apiKey;
        this.tokens = tokens;
        this.fallback = fallback;
    }

    @Override
    public String fold(String summary, List<SessionMessage> folded, int capTokens) {
        StringBuilder prompt = new StringBuilder("Summary so far:\n").append(summary == null || summary.isBlank() ? "(none)" : summary)
                .append("\n\nNew messages:\n");
        folded.forEach(m -> prompt.append(m.role()).append(": ").append(m.content()).append('\n'));
        ObjectNode body = json.createObjectNode().put("model", model).put("temperature", 0).put("max_tokens", capTokens);
        body.putArray("messages")
                .add(json.createObjectNode().put("role", "system").put("content", String.format(INSTRUCTIONS, capTokens)))
                .add(json.createObjectNode().put("role", "user").put("content", prompt.toString()));
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
            if (apiKey != null && !apiKey.isBlank()) {
                request.header("Authorization", "Bearer " + apiKey);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                JsonNode content = json.readTree(response.body()).path("choices").path(0).path("message").path("content");
                String text = content.asText("").strip();
                if (!text.isEmpty() && tokens.count(text) <= capTokens) {
                    return text;
                }
                log.warn("LLM summary unusable (empty or over {} tokens); using the extractive summary", capTokens);
            } else {
                log.warn("LLM summarizer answered HTTP {}; using the extractive summary", response.statusCode());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("LLM summarizer unavailable ({}); using the extractive summary", e.getClass().getSimpleName());
        }
        return fallback.fold(summary, folded, capTokens);
    }
}

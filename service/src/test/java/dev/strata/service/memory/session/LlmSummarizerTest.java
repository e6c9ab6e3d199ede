package dev.strata.service.memory.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.strata.service.memory.embedding.TokenCounter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The optional LLM summarizer against a local OpenAI-compatible stub, and its fallback. */
class LlmSummarizerTest {

    private final TokenCounter tokens = new TokenCounter();
    private final Summarizer extractive = new ExtractiveSummarizer(tokens);
    private final List<SessionMessage> folded = List.of(
            new SessionMessage(1, "user", "My flight to Oslo leaves at 7:40 on Friday.", null, 15, true, Instant.now()),
            new SessionMessage(2, "assistant", "Noted, I will remind you on Thursday evening.", null, 12, true, Instant.now()));
    private HttpServer server;

    private String start(int status, String body, AtomicReference<String> seenAuth, AtomicReference<String> seenBody) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            seenAuth.set(exchange.getRequestHeaders().getFirst("Authorization"));
            seenBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/";
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void usesTheModelsSummaryWhenItFits() throws IOException {
        AtomicReference<String> auth = new AtomicReference<>();
        AtomicReference<String> body = new AtomicReference<>();
        String url = start(200, "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"User flies to Oslo Friday 7:40.\"}}]}", auth, body);
        String summary = new LlmSummarizer(url, "tiny-model", "secret-key", tokens, extractive).fold("", folded, 100);
        assertThat(summary).isEqualTo("User flies to Oslo Friday 7:40.");
        assertThat(auth.get()).isEqualTo("Bearer secret-key");
        assertThat(body.get()).contains("\"model\":\"tiny-model\"", "My flight to Oslo leaves at 7:40");
    }

    @Test
    void fallsBackToTheExtractiveSummaryOnErrorsAndOverlongAnswers() throws IOException {
        String expected = extractive.fold("", folded, 100);
        String url = start(500, "{}", new AtomicReference<>(), new AtomicReference<>());
        assertThat(new LlmSummarizer(url, "m", "", tokens, extractive).fold("", folded, 100)).isEqualTo(expected);
        stop();
        String longAnswer = "word ".repeat(500);
        url = start(200, "{\"choices\":[{\"message\":{\"content\":\"" + longAnswer + "\"}}]}", new AtomicReference<>(), new AtomicReference<>());
        assertThat(new LlmSummarizer(url, "m", "", tokens, extractive).fold("", folded, 100)).isEqualTo(expected);
        stop();
        server = null;
        assertThat(new LlmSummarizer("http://127.0.0.1:1/v1", "m", "", tokens, extractive).fold("", folded, 100)).isEqualTo(expected);
        assertThat(expected).contains("Oslo");
    }
}

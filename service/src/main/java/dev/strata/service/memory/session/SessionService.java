package dev.strata.service.memory.session;

import dev.strata.service.api.ApiException;
import dev.strata.service.memory.MemoryProperties;
import dev.strata.service.memory.MemoryRules;
import dev.strata.service.memory.embedding.TokenCounter;
import dev.strata.service.memory.longterm.MemoryInput;
import dev.strata.service.memory.longterm.MemoryService;
import dev.strata.service.memory.longterm.WriteOutcome;
import dev.strata.service.tier.Tier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Working memory: messages of a session, a token window over them, folding of what falls out of
 * the window into a running summary, and consolidation into long-term memories.
 */
@Service
public class SessionService {

    /** At most this many of a session's messages become long-term memories on consolidation. */
    static final int SALIENT_MESSAGES = 5;
    /** Messages scoring below this (a greeting, "ok thanks") are not worth remembering. */
    static final double MIN_SALIENCE = 4;

    private final SessionRepository repository;
    private final TokenCounter tokens;
    private final Summarizer summarizer;
    private final MemoryService memories;
    private final MemoryProperties properties;
    private final TransactionTemplate transactions;
    private final SessionCache cache;

    public SessionService(SessionRepository repository, TokenCounter tokens, MemoryService memories, MemoryProperties properties,
                          TransactionTemplate transactions, SessionCache cache) {
        this.repository = repository;
        this.cache = cache;
        this.tokens = tokens;
        Summarizer extractive = new ExtractiveSummarizer(tokens);
        this.summarizer = properties.summarizer().equals("llm")
                ? new LlmSummarizer(properties.llmUrl(), properties.llmModel(), properties.llmApiKey(), tokens, extractive)
                : extractive;
        this.memories = memories;
        this.properties = properties;
        this.transactions = transactions;
    }

    /** One message as a client sends it. */
    public record MessageInput(String role, String content, Map<String, Object> metadata) { }

    /** Appends messages (validated all first), then folds what no longer fits the window. */
    public void append(String tenantId, String sessionId, String userId, List<MessageInput> messages) {
        MemoryRules.id("sessionId", sessionId);
        MemoryRules.id("userId", userId);
        if (messages.isEmpty() || messages.size() > 100) {
            throw ApiException.badRequest("invalid-messages", "Send 1 to 100 messages.");
        }
        List<Role> roles = new ArrayList<>();
        for (MessageInput message : messages) {
            roles.add(Role.parse(message.role()));
            MemoryRules.text("content", message.content(), properties.maxTextChars());
        }
        transactions.executeWithoutResult(status -> {
            Session session = repository.touch(tenantId, sessionId, userId, properties.sessionTtlSeconds());
            if (!session.userId().equals(userId)) {
                throw new ApiException(HttpStatus.CONFLICT, "session-owner-mismatch", "Session belongs to another user",
                        "Session " + sessionId + " belongs to another user of this tenant.");
            }
            for (int i = 0; i < messages.size(); i++) {
                MessageInput message = messages.get(i);
                repository.append(tenantId, sessionId, roles.get(i), message.content(), message.metadata(),
                        tokens.count(roles.get(i).label() + ": " + message.content()), null);
            }
            foldIfNeeded(tenantId, sessionId);
        });
    }

    /**
     * Folds the oldest unfolded messages into the summary until the unfolded ones fit three
     * quarters of the window; the summary may use the last quarter. The newest message is never
     * folded. Folded messages stay stored (listed with {@code all=true}) and are consolidated.
     */
    private void foldIfNeeded(String tenantId, String sessionId) {
        Session session = repository.find(tenantId, sessionId).orElseThrow();
        List<SessionMessage> unfolded = repository.messages(tenantId, sessionId, false);
        int window = properties.foldWindowTokens();
        int total = session.summaryTokens() + unfolded.stream().mapToInt(SessionMessage::tokens).sum();
        if (total <= window) {
            return;
        }
        int keep = window - window / 4;
        int unfoldedTokens = unfolded.stream().mapToInt(SessionMessage::tokens).sum();
        List<SessionMessage> fold = new ArrayList<>();
        for (int i = 0; i < unfolded.size() - 1 && unfoldedTokens > keep; i++) {
            fold.add(unfolded.get(i));
            unfoldedTokens -= unfolded.get(i).tokens();
        }
        if (fold.isEmpty()) {
            return;
        }
        String summary = summarizer.fold(session.summary(), fold, window / 4);
        repository.fold(tenantId, sessionId, fold.get(fold.size() - 1).seq(), summary, tokens.count(summary));
    }

    /** What a prompt gets: the summary and the newest unfolded messages that fit the budget. */
    public record Window(String sessionId, String userId, String summary, int summaryTokens, List<SessionMessage> messages,
                         int windowTokens, int budgetTokens, int foldedMessages, int omittedMessages, String expiresAt) { }

    public Window window(String tenantId, String sessionId, String userId, Integer budgetTokens) {
        return servedWindow(tenantId, sessionId, userId, budgetTokens).window();
    }

    /** A window and the tier its messages came from. */
    public record ServedWindow(Window window, Tier tier, List<SessionMessage> allMessages) { }

    /**
     * The window, its messages served hot, warm or from PostgreSQL. The session row (owner,
     * summary, expiry, version) is always read from PostgreSQL, so the answer is never stale.
     */
    public ServedWindow servedWindow(String tenantId, String sessionId, String userId, Integer budgetTokens) {
        SessionRepository.Versioned versioned = ownedVersioned(tenantId, sessionId, userId);
        Session session = versioned.session();
        int budget = budgetTokens == null ? properties.foldWindowTokens() : budgetTokens;
        SessionCache.Served served = cache.messages(tenantId, sessionId, versioned.version(), () -> repository.snapshot(tenantId, sessionId));
        List<SessionMessage> all = served.messages();
        List<SessionMessage> unfolded = all.stream().filter(m -> !m.folded()).toList();
        int used = 0;
        String summary = "";
        if (!session.summary().isEmpty() && session.summaryTokens() <= budget / 2) {
            summary = session.summary();
            used = session.summaryTokens();
        }
        List<SessionMessage> shown = new ArrayList<>();
        for (int i = unfolded.size() - 1; i >= 0; i--) {
            if (used + unfolded.get(i).tokens() > budget) {
                break;
            }
            used += unfolded.get(i).tokens();
            shown.add(0, unfolded.get(i));
        }
        Window window = new Window(sessionId, session.userId(), summary, summary.isEmpty() ? 0 : session.summaryTokens(), shown, used, budget,
                all.size() - unfolded.size(), unfolded.size() - shown.size(), session.expiresAt().toString());
        return new ServedWindow(window, served.tier(), all);
    }

    public List<Session> ofUser(String tenantId, String userId) {
        return repository.ofUser(tenantId, MemoryRules.id("userId", userId));
    }

    public List<SessionMessage> allMessages(String tenantId, String sessionId, String userId) {
        owned(tenantId, sessionId, userId);
        return repository.messages(tenantId, sessionId, true);
    }

    public void reset(String tenantId, String sessionId, String userId) {
        owned(tenantId, sessionId, userId);
        repository.delete(tenantId, sessionId);
        cache.evict(tenantId, sessionId);
    }

    /** The result of consolidating a session. */
    public record Consolidation(String sessionId, String userId, List<WriteOutcome> memories, boolean removed) { }

    public Consolidation consolidate(String tenantId, String sessionId, String userId) {
        return consolidate(owned(tenantId, sessionId, userId));
    }

    /**
     * Turns the summary and the most salient user messages into long-term memories (deduplicated
     * like any write), then removes the session unless a message arrived meanwhile.
     */
    Consolidation consolidate(Session session) {
        List<MemoryInput> inputs = new ArrayList<>();
        int max = properties.maxTextChars();
        if (!session.summary().isBlank()) {
            inputs.add(new MemoryInput(session.userId(), session.sessionId(), clip(session.summary().replace("\n", " \u2022 "), max),
                    List.of("session-summary"), List.of(), 0.6, Map.of("source", "session-summary")));
        }
        repository.messages(session.tenantId(), session.sessionId(), true).stream()
                .filter(m -> m.role().equals(Role.USER.label()))
                .filter(m -> ExtractiveSummarizer.salience(m.content()) >= MIN_SALIENCE)
                .sorted(Comparator.comparingDouble((SessionMessage m) -> ExtractiveSummarizer.salience(m.content())).reversed())
                .limit(SALIENT_MESSAGES)
                .forEach(m -> inputs.add(new MemoryInput(session.userId(), session.sessionId(), clip(m.content(), max), List.of(),
                        List.of(), 0.5, Map.of("source", "session-message", "role", m.role(), "messageSeq", m.seq()))));
        List<WriteOutcome> outcomes = inputs.isEmpty() ? List.of() : memories.write(session.tenantId(), inputs);
        boolean removed = repository.deleteIfIdleSince(session.tenantId(), session.sessionId(), session.lastActiveAt());
        if (removed) {
            cache.evict(session.tenantId(), session.sessionId());
        }
        return new Consolidation(session.sessionId(), session.userId(), outcomes, removed);
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private SessionRepository.Versioned ownedVersioned(String tenantId, String sessionId, String userId) {
        MemoryRules.id("sessionId", sessionId);
        MemoryRules.optionalId("userId", userId);
        SessionRepository.Versioned versioned = repository.findVersioned(tenantId, sessionId).orElse(null);
        if (versioned == null) {
            cache.evict(tenantId, sessionId);
            throw ApiException.notFound("No session " + sessionId + ".");
        }
        if (userId != null && !versioned.session().userId().equals(userId)) {
            throw ApiException.notFound("No session " + sessionId + " for user " + userId + ".");
        }
        return versioned;
    }

    private Session owned(String tenantId, String sessionId, String userId) {
        MemoryRules.id("sessionId", sessionId);
        MemoryRules.optionalId("userId", userId);
        Session session = repository.find(tenantId, sessionId).orElseThrow(() -> ApiException.notFound("No session " + sessionId + "."));
        if (userId != null && !session.userId().equals(userId)) {
            throw ApiException.notFound("No session " + sessionId + " for user " + userId + ".");
        }
        return session;
    }
}

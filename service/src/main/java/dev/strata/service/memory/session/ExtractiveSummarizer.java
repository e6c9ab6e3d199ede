package dev.strata.service.memory.session;

import dev.strata.service.memory.embedding.TokenCounter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Keeps the most informative sentence of each folded message, one line per message
 * ({@code role: sentence}), in conversation order. When the summary outgrows its cap the least
 * salient lines go first. Salience favours content words, numbers and names — what a user is
 * likely to be asked about later — and the user's own words over the assistant's.
 */
public final class ExtractiveSummarizer implements Summarizer {

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}'-]+");
    private static final int MAX_LINE_WORDS = 40;
    private static final Set<String> STOPWORDS = Set.of("the", "and", "for", "are", "but", "not", "you", "all", "any", "can", "had", "her",
            "was", "one", "our", "out", "has", "have", "him", "his", "how", "its", "may", "who", "did", "get", "got", "let", "she", "too",
            "use", "that", "this", "with", "from", "they", "them", "then", "than", "what", "when", "will", "would", "could", "should",
            "there", "their", "about", "which", "your", "yours", "just", "like", "into", "some", "also", "very", "okay", "sure", "thanks",
            "thank", "hello", "please", "yes", "yeah");

    private final TokenCounter tokens;

    public ExtractiveSummarizer(TokenCounter tokens) {
        this.tokens = tokens;
    }

    @Override
    public String fold(String summary, List<SessionMessage> folded, int capTokens) {
        List<String> lines = new ArrayList<>(summary == null || summary.isBlank() ? List.of() : Arrays.asList(summary.split("\n")));
        for (SessionMessage message : folded) {
            String best = bestSentence(message.content());
            if (!best.isEmpty()) {
                lines.add(message.role() + ": " + best);
            }
        }
        while (lines.size() > 1 && tokens.count(String.join("\n", lines)) > capTokens) {
            lines.remove(weakest(lines));
        }
        return String.join("\n", lines);
    }

    /**
     * The line that adds least: each content word counts 1 / (number of lines that contain it), so
     * ten near-identical lines of chatter lose to one line with a unique fact.
     */
    static int weakest(List<String> lines) {
        Map<String, Integer> frequency = new HashMap<>();
        List<Set<String>> words = lines.stream().map(ExtractiveSummarizer::contentWords).toList();
        words.forEach(set -> set.forEach(word -> frequency.merge(word, 1, Integer::sum)));
        int weakest = 0;
        double weakestScore = Double.MAX_VALUE;
        for (int i = 0; i < lines.size(); i++) {
            double score = lines.get(i).startsWith("user: ") ? 0.5 : 0;
            for (String word : words.get(i)) {
                score += (Character.isDigit(word.charAt(0)) ? 2.0 : 1.0) / frequency.get(word);
            }
            if (score < weakestScore) {
                weakest = i;
                weakestScore = score;
            }
        }
        return weakest;
    }

    private static Set<String> contentWords(String text) {
        return WORD.matcher(text).results().map(m -> m.group().toLowerCase(Locale.ROOT))
                .filter(w -> w.length() >= 3 && !STOPWORDS.contains(w) && !w.equals("user") && !w.equals("assistant"))
                .collect(Collectors.toSet());
    }

    static String bestSentence(String content) {
        String best = "";
        double bestScore = -1;
        for (String sentence : SENTENCE_END.split(content.replaceAll("\\s+", " ").trim())) {
            double score = salience(sentence);
            if (score > bestScore) {
                best = sentence;
                bestScore = score;
            }
        }
        List<String> words = Arrays.asList(best.split(" "));
        return words.size() <= MAX_LINE_WORDS ? best : String.join(" ", words.subList(0, MAX_LINE_WORDS)) + " …";
    }

    /** Distinct content words, plus a bonus for numbers and capitalised words inside the sentence; user lines count more. */
    static double salience(String text) {
        List<String> words = WORD.matcher(text).results().map(m -> m.group()).toList();
        Set<String> content = words.stream().map(w -> w.toLowerCase(Locale.ROOT))
                .filter(w -> w.length() >= 3 && !STOPWORDS.contains(w)).collect(Collectors.toSet());
        double score = content.size();
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            if (Character.isDigit(word.charAt(0)) || Character.isUpperCase(word.charAt(0))) {
                score += 1.5;
            }
        }
        if (text.startsWith("user: ")) {
            score += 2;
        }
        return score;
    }
}

package dev.strata.monitoring.metrics;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects. There is no PromQL parser for Java, and promtool
 * only says whether an expression parses, so this strips what cannot be a metric name (strings,
 * label matchers, ranges, grouping clauses, numbers) and keeps the identifiers that are neither a
 * function call nor a keyword. It runs only on expressions promtool has already accepted, which is
 * what makes the simple approach sound; {@code PromQlMetricNamesTest} pins the tricky cases.
 */
public final class PromQlMetricNames {

    private static final Pattern STRINGS = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern OFFSET = Pattern.compile("\\boffset\\s+-?[0-9a-z]+", Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBERS = Pattern.compile(
            "(?<![\\w:])(?:0x[0-9a-f]+|[0-9]*\\.?[0-9]+(?:e[+-]?[0-9]+)?)(?![\\w:])", Pattern.CASE_INSENSITIVE);
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of(
            "and", "or", "unless", "bool", "offset", "inf", "nan", "by", "without", "on", "ignoring",
            "group_left", "group_right", "atan2");

    private PromQlMetricNames() {
    }

    public static Set<String> of(String expression) {
        String rest = expression;
        // Order matters: strings may contain braces, and matchers may contain anything.
        rest = STRINGS.matcher(rest).replaceAll(" ");
        rest = MATCHERS.matcher(rest).replaceAll(" ");
        rest = RANGES.matcher(rest).replaceAll(" ");
        rest = GROUPING.matcher(rest).replaceAll(" ");
        rest = OFFSET.matcher(rest).replaceAll(" ");
        rest = NUMBERS.matcher(rest).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(rest);
        while (identifier.find()) {
            String name = identifier.group();
            if (!isFunctionCall(rest, identifier.end()) && !KEYWORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }

    private static boolean isFunctionCall(String text, int end) {
        int next = end;
        while (next < text.length() && Character.isWhitespace(text.charAt(next))) {
            next++;
        }
        return next < text.length() && text.charAt(next) == '(';
    }
}

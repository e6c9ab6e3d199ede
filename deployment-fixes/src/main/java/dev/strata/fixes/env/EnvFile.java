package dev.strata.fixes.env;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A systemd EnvironmentFile: {@code KEY=value} lines, {@code #} comments, optional quotes.
 * The raw text is kept so repairs can make line-level edits and leave everything else byte-identical.
 */
public record EnvFile(String text, Map<String, String> values) {

    private static final Pattern ASSIGNMENT = Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=(.*)$");

    public static EnvFile read(Path path) throws IOException {
        return parse(Files.readString(path, StandardCharsets.UTF_8));
    }

    public static EnvFile parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n", -1)) {
            Matcher m = ASSIGNMENT.matcher(line);
            if (!line.strip().startsWith("#") && m.matches()) {
                values.put(m.group(1), unquote(m.group(2).strip()));
            }
        }
        return new EnvFile(text, Map.copyOf(values));
    }

    public boolean hasValue(String key) {
        return !values.getOrDefault(key, "").isEmpty();
    }

    /** The text with {@code key}'s line replaced (or appended), every other byte unchanged. */
    public String withValue(String key, String value) {
        List<String> lines = new java.util.ArrayList<>(List.of(text.split("\n", -1)));
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = ASSIGNMENT.matcher(lines.get(i));
            if (!lines.get(i).strip().startsWith("#") && m.matches() && m.group(1).equals(key)) {
                lines.set(i, key + "=" + value);
                return String.join("\n", lines);
            }
        }
        String base = text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
        return base + key + "=" + value + "\n";
    }

    private static String unquote(String raw) {
        if (raw.length() >= 2 && (raw.startsWith("\"") && raw.endsWith("\"") || raw.startsWith("'") && raw.endsWith("'"))) {
            return raw.substring(1, raw.length() - 1);
        }
        return raw;
    }
}

package dev.strata.fixes.env;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Removes secret values from anything the CLI prints: values of secret-looking variables, the
 * password part of URLs, and every literal secret value read from the environment file (so a
 * secret echoed back inside a library's error message is caught too).
 */
public final class SecretMasker {

    public static final String MASK = "********";
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|TOKEN|SECRET|KEY|CREDENTIAL).*");
    private static final Pattern URL_USERINFO = Pattern.compile("(\\w+://[^/:@\\s]*:)([^@/\\s]+)(@)");
    private static final Pattern QUERY_PASSWORD = Pattern.compile("(?i)(password=)([^&\\s]+)");
    private static final int SHORTEST_MASKED_LITERAL = 4;

    private final List<String> literals;

    private SecretMasker(List<String> literals) {
        this.literals = literals;
    }

    public static SecretMasker none() {
        return new SecretMasker(List.of());
    }

    /** Every value of a secret-named variable and every URL password in {@code env} becomes a literal to hide. */
    public static SecretMasker from(Map<String, String> env) {
        List<String> literals = new ArrayList<>();
        env.forEach((key, value) -> {
            if (isSecretName(key) && value.length() >= SHORTEST_MASKED_LITERAL) {
                literals.add(value);
            }
            var m = URL_USERINFO.matcher(value);
            while (m.find()) {
                literals.add(m.group(2));
            }
        });
        literals.sort(Comparator.comparingInt(String::length).reversed());
        return new SecretMasker(List.copyOf(literals));
    }

    public SecretMasker with(Map<String, String> env) {
        List<String> merged = new ArrayList<>(literals);
        merged.addAll(from(env).literals);
        merged.sort(Comparator.comparingInt(String::length).reversed());
        return new SecretMasker(List.copyOf(merged));
    }

    public static boolean isSecretName(String key) {
        return SECRET_NAME.matcher(key).matches();
    }

    public String mask(String text) {
        if (text == null) {
            return null;
        }
        String out = URL_USERINFO.matcher(text).replaceAll("$1" + MASK + "$3");
        out = QUERY_PASSWORD.matcher(out).replaceAll("$1" + MASK);
        for (String literal : literals) {
            out = out.replace(literal, MASK);
        }
        return out;
    }

    /** Masks one {@code KEY=value} line of an environment file for a diff. */
    public String maskEnvLine(String line) {
        int eq = line.indexOf('=');
        if (eq > 0 && isSecretName(line.substring(0, eq).replaceFirst("^[+\\- ]", "").strip())) {
            return line.substring(0, eq + 1) + MASK;
        }
        return mask(line);
    }
}

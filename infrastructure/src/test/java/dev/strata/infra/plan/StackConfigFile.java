package dev.strata.infra.plan;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code Pulumi.<stack>.yaml} into the flat {@code namespace:key → value} map the SDK sees.
 * Encrypted ({@code secure:}) values cannot be decrypted offline, so they, and required secrets that
 * are not in the file at all, get fixed placeholders: the plan shows them only as {@code [secret]}.
 */
public final class StackConfigFile {
    public static final List<String> REQUIRED_SECRETS =
            List.of("strata:redisAuthToken", "strata:adminToken", "strata:grafanaAdminPassword");

    private StackConfigFile() {
    }

    public static Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no stack config file " + file);
        }
        Map<String, Object> document;
        try (Reader reader = Files.newBufferedReader(file)) {
            document = new Yaml().load(reader);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        Object config = document == null ? null : document.get("config");
        Map<String, String> values = new LinkedHashMap<>();
        if (config instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> values.put(String.valueOf(key),
                    value instanceof Map<?, ?> map && map.containsKey("secure")
                            ? placeholderSecret(String.valueOf(key)) : String.valueOf(value)));
        }
        for (String secret : REQUIRED_SECRETS) {
            values.putIfAbsent(secret, placeholderSecret(secret));
        }
        return values;
    }

    /** A value that passes validation for any of the secret keys and is recognisable if it ever leaked. */
    static String placeholderSecret(String key) {
        return "planPlaceholder-" + key.substring(key.indexOf(':') + 1) + "-0000000000000000";
    }
}

package dev.strata.fixes.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Every path, port, URL and service name the CLI touches. Defaults are the host layout contract
 * (docs/HOST_LAYOUT.md); a properties file overrides any of them so the tool works on other layouts.
 * Values are validated once here, at the edge; messages name the setting and the value.
 */
public final class FixConfig {

    public static final Path DEFAULT_FILE = Path.of("/etc/strata/deployment-fixes.properties");

    /** The contract's values. Keep in step with docs/HOST_LAYOUT.md. */
    static final Map<String, String> DEFAULTS = new TreeMap<>(Map.ofEntries(
            Map.entry("service.manager", "systemd"),
            Map.entry("state.dir", "/var/lib/strata-fix"),
            Map.entry("nginx.binary", "/usr/sbin/nginx"),
            Map.entry("nginx.conf", "/etc/nginx/nginx.conf"),
            Map.entry("nginx.prefix", ""),
            Map.entry("nginx.pid-file", "/run/nginx.pid"),
            Map.entry("nginx.error-log", "/var/log/nginx/error.log"),
            Map.entry("nginx.site", "/etc/nginx/conf.d/strata.conf"),
            Map.entry("nginx.service", "nginx"),
            Map.entry("nginx.listen", "80"),
            Map.entry("nginx.url", "http://127.0.0.1:80"),
            Map.entry("nginx.status-port", "8081"),
            Map.entry("backend.service", "strata"),
            Map.entry("backend.unit-file", "/etc/systemd/system/strata.service"),
            Map.entry("backend.jar", "/opt/strata/service/strata-service.jar"),
            Map.entry("backend.java", "/usr/bin/java"),
            Map.entry("backend.user", "strata"),
            Map.entry("backend.working-dir", "/var/lib/strata"),
            Map.entry("backend.unit-template", ""),
            Map.entry("nginx.site-template", ""),
            Map.entry("backend.port", "8080"),
            Map.entry("backend.url", "http://127.0.0.1:8080"),
            Map.entry("backend.process-match", "/opt/strata/service/strata-service.jar"),
            Map.entry("backend.start-timeout-seconds", "90"),
            Map.entry("backend.liveness-path", "/actuator/health/liveness"),
            Map.entry("backend.readiness-path", "/actuator/health/readiness"),
            Map.entry("console.index", "index.html"),
            Map.entry("systemd.systemctl", "systemctl"),
            Map.entry("systemd.analyze", "systemd-analyze"),
            Map.entry("env.file", "/etc/strata/strata.env"),
            Map.entry("env.owner", "root"),
            Map.entry("env.group", "strata"),
            Map.entry("env.required",
                    "STRATA_DURABLE_URL,STRATA_DURABLE_USERNAME,STRATA_DURABLE_PASSWORD,STRATA_ADMIN_TOKEN"),
            Map.entry("console.current", "/opt/strata/console/current"),
            Map.entry("console.releases", "/opt/strata/console/releases"),
            Map.entry("deps.postgres.endpoint", ""),
            Map.entry("deps.redis.endpoint", ""),
            Map.entry("deps.timeout-seconds", "3"),
            Map.entry("host.disk-paths", "/,/var/lib/strata,/opt/strata,/var/log"),
            Map.entry("host.disk-warning-percent", "10"),
            Map.entry("host.disk-critical-percent", "5"),
            Map.entry("host.memory-warning-percent", "10"),
            Map.entry("host.memory-critical-percent", "5"),
            Map.entry("http.timeout-ms", "3000"),
            Map.entry("protected.paths", "/var/lib/strata,/opt/strata/console/releases")));

    private final Map<String, String> values;

    private FixConfig(Map<String, String> values) {
        this.values = values;
    }

    public static FixConfig defaults() {
        return of(new Properties());
    }

    /** Layers {@code overrides} over the defaults; unknown keys are kept (process.* settings). */
    public static FixConfig of(Properties overrides) {
        Map<String, String> merged = new TreeMap<>(DEFAULTS);
        overrides.stringPropertyNames().forEach(k -> merged.put(k, overrides.getProperty(k).trim()));
        FixConfig config = new FixConfig(merged);
        config.validate();
        return config;
    }

    private void validate() {
        for (String key : List.of("nginx.status-port", "backend.port")) {
            int port = integer(key);
            if (port < 1 || port > 65535) {
                throw new ConfigException(key, get(key), "a TCP port between 1 and 65535");
            }
        }
        for (String key : List.of("backend.liveness-path", "backend.readiness-path")) {
            if (!get(key).startsWith("/")) {
                throw new ConfigException(key, get(key), "a path starting with /");
            }
        }
        for (String key : List.of("nginx.url", "backend.url")) {
            if (!get(key).matches("https?://[^/]+")) {
                throw new ConfigException(key, get(key), "an http(s)://host:port URL without a path");
            }
        }
        String manager = get("service.manager");
        if (!manager.equals("systemd") && !manager.equals("process")) {
            throw new ConfigException("service.manager", manager, "systemd or process");
        }
        integer("backend.start-timeout-seconds");
        integer("deps.timeout-seconds");
        integer("http.timeout-ms");
    }

    public String get(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new ConfigException(key, "(unset)", "a value");
        }
        return value;
    }

    public Optional<String> optional(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
    }

    public Path path(String key) {
        return Path.of(get(key));
    }

    public int integer(String key) {
        try {
            return Integer.parseInt(get(key));
        } catch (NumberFormatException e) {
            throw new ConfigException(key, get(key), "an integer");
        }
    }

    public List<String> list(String key) {
        return Arrays.stream(get(key).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Settings whose name starts with {@code prefix}, prefix removed (used by the process service manager). */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> section = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                section.put(k.substring(prefix.length()), v);
            }
        });
        return section;
    }

    public Map<String, String> asMap() {
        return Map.copyOf(values);
    }
}

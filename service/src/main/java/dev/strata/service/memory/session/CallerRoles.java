package dev.strata.service.memory.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.strata.service.tenant.ApiKeys;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The memory role of the API key behind a request ({@code client} unless an administrator set
 * another), cached for 5 s like the key lookup itself. The filter has already authenticated the
 * key; this only reads which role it was given.
 */
@Component
public class CallerRoles {

    public static final String DEFAULT_ROLE = "client";
    private final JdbcTemplate jdbc;
    private final Cache<String, String> byKeyHash = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofSeconds(5)).build();

    public CallerRoles(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public String roleOf(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || header.length() <= 7) {
            return DEFAULT_ROLE;
        }
        byte[] hash = ApiKeys.hash(header.substring(7).trim());
        return byKeyHash.get(HexFormat.of().formatHex(hash), hex -> {
            List<String> roles = jdbc.queryForList("SELECT r.role FROM api_keys k JOIN memory_key_roles r ON r.key_id = k.id WHERE k.key_hash = ?",
                    String.class, (Object) hash);
            return roles.isEmpty() ? DEFAULT_ROLE : roles.get(0);
        });
    }

    public void forget() {
        byKeyHash.invalidateAll();
    }
}

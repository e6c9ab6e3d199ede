package dev.strata.service.tenant;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code strata.admin.token} (environment: {@code STRATA_ADMIN_TOKEN}): the bearer token for
 * {@code /v1/admin/**}. Empty disables the admin API.
 */
@ConfigurationProperties("strata.admin")
public record AdminProperties(String token) {

    public boolean enabled() {
        return token != null && !token.isBlank();
    }

    @Override
    public String toString() {
        return "AdminProperties[token=" + (enabled() ? "****" : "<unset>") + "]";
    }
}

package dev.strata.service.embedded;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code strata.embedded.*}: the embedded PostgreSQL used when no {@code strata.durable.url} is set.
 *
 * @param dataDir where the database files live; kept across restarts
 * @param port TCP port on 127.0.0.1; 0 picks a free one
 */
@Validated
@ConfigurationProperties("strata.embedded")
public record EmbeddedPostgresProperties(
        @NotBlank(message = "strata.embedded.data-dir must not be empty") String dataDir,
        @Min(value = 0, message = "strata.embedded.port must be 0..65535") @Max(value = 65535, message = "strata.embedded.port must be 0..65535") int port) {
}

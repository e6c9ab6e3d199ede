package dev.strata.service.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.service.StrataApplication;
import dev.strata.service.support.EmbeddedStores;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;

/** A bad setting stops start-up with a message that names it. */
class ConfigurationValidationTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "strata.hot.max-bytes|10|strata.hot.max-bytes",
        "strata.durable.pool-size|1|strata.durable.pool-size",
        "strata.durable.group-commit.threads|0|strata.durable.group-commit.threads",
        "strata.api.max-body-bytes|1|strata.api.max-body-bytes",
        "strata.warm.url|http://cache:6379|strata.warm.url",
        "strata.warm.timeout-ms|1|strata.warm.timeout-ms",
        "strata.hot.policy|no-such-policy|strata.hot.policy",
        "strata.hot.policy|opt|strata.hot.policy",
        "strata.hot.mean-entry-bytes|1|strata.hot.mean-entry-bytes",
        "strata.hot.plain-share|0|strata.hot.plain-share",
        "strata.hot.checkpoint-dir|/proc/no-such-dir/placement|strata.hot.checkpoint-dir",
        "strata.rate-limit.requests-per-second|0|strata.rate-limit.requests-per-second",
    })
    void badSettingIsNamed(String property, String value, String expectedInMessage) {
        assertThatThrownBy(() -> new SpringApplication(StrataApplication.class).run("--server.port=0",
                "--strata.durable.url=" + EmbeddedStores.postgresUrl(), "--strata.durable.username=postgres",
                "--logging.level.root=off",
                // No learned-model checkpoint in the working directory, unless that is the setting under test.
                property.equals("strata.hot.checkpoint-dir") ? "--spring.main.banner-mode=off" : "--strata.hot.checkpoint-dir=",
                "--" + property + "=" + value).close())
                .satisfies(failure -> org.assertj.core.api.Assertions.assertThat(fullMessage(failure)).contains(expectedInMessage));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"jdbc:mysql://db/x", "postgres://db/x"})
    void nonPostgresDatabaseUrlIsRefusedWithoutEchoingIt(String url) {
        assertThatThrownBy(() -> new SpringApplication(StrataApplication.class).run("--server.port=0",
                "--strata.durable.url=" + url, "--logging.level.root=off").close())
                .satisfies(failure -> {
                    String message = fullMessage(failure);
                    org.assertj.core.api.Assertions.assertThat(message).contains("strata.durable.url");
                    org.assertj.core.api.Assertions.assertThat(message).doesNotContain("//db/x");
                });
    }

    private static String fullMessage(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}

package dev.strata.fixes.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {

    private final SecretMasker masker = SecretMasker.from(Map.of(
            "STRATA_DURABLE_PASSWORD", "hunter2-db",
            "STRATA_ADMIN_TOKEN", "tok-123456",
            "STRATA_WARM_URL", "rediss://app:redis-pass-9@cache:6379",
            "STRATA_DURABLE_USERNAME", "strata"));

    @Test
    void masksLiteralSecretsWhereverTheyAppear() {
        assertThat(masker.mask("driver said: password hunter2-db rejected, token tok-123456"))
                .isEqualTo("driver said: password ******** rejected, token ********");
    }

    @Test
    void masksUrlPasswordsEvenWhenNotKnownInAdvance() {
        assertThat(SecretMasker.none().mask("redis://user:other-pass@h:1 and jdbc:postgresql://h/db?user=a&password=xyz"))
                .isEqualTo("redis://user:********@h:1 and jdbc:postgresql://h/db?user=a&password=********");
        assertThat(masker.mask("rediss://app:redis-pass-9@cache:6379")).isEqualTo("rediss://app:********@cache:6379");
    }

    @Test
    void envLinesOfSecretVariablesAreMaskedWholeButOthersStayReadable() {
        assertThat(masker.maskEnvLine("STRATA_ADMIN_TOKEN=anything")).isEqualTo("STRATA_ADMIN_TOKEN=********");
        assertThat(masker.maskEnvLine("STRATA_DURABLE_USERNAME=strata")).isEqualTo("STRATA_DURABLE_USERNAME=strata");
    }
}

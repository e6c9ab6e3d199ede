package dev.strata.service.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.service.api.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Name rules: what each kind of name accepts, and that refusals are 400s naming the problem. */
class KeyRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "tenant-1", "abcdefghijklmnopqrstuvwxyz0123456789-abcdefghijklmnopqrstuvwxyz"})
    void acceptsTenantIds(String id) {
        assertThat(id.length()).isLessThanOrEqualTo(KeyRules.MAX_TENANT_LENGTH);
        assertThat(KeyRules.tenant(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"-a", "A", "a_b", "a:b", "a*", "a b", "é", "abcdefghijklmnopqrstuvwxyz0123456789-abcdefghijklmnopqrstuvwxyz0"})
    void refusesTenantIds(String id) {
        assertRefused(() -> KeyRules.tenant(id), "invalid-tenant-id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ns", "N.s_1-x", "9"})
    void acceptsNamespaces(String namespace) {
        assertThat(KeyRules.namespace(namespace)).isEqualTo(namespace);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {".hidden", "-x", "a:b", "a*b", "a?b", "a[b]", "a/b", "a b", "ü"})
    void refusesNamespaces(String namespace) {
        assertRefused(() -> KeyRules.namespace(namespace), "invalid-namespace");
    }

    @Test
    void namespaceLengthLimitIsExact() {
        assertThat(KeyRules.namespace("n".repeat(KeyRules.MAX_NAMESPACE_LENGTH))).hasSize(128);
        assertRefused(() -> KeyRules.namespace("n".repeat(KeyRules.MAX_NAMESPACE_LENGTH + 1)), "invalid-namespace");
    }

    @ParameterizedTest
    @ValueSource(strings = {"k", "a.b", "user:42", "x@y", "a+b=c!", "~tilde", "...", ".a"})
    void acceptsKeys(String key) {
        assertThat(KeyRules.key(key)).isEqualTo(key);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {".", "..", "a/b", "a b", "a\u0000b", "a\nb", "a%20b", "a#b", "a?b", "a*b", "é", "a\\b"})
    void refusesKeys(String key) {
        assertRefused(() -> KeyRules.key(key), "invalid-key");
    }

    @Test
    void keyLengthLimitIsExact() {
        assertThat(KeyRules.key("k".repeat(KeyRules.MAX_KEY_LENGTH))).hasSize(512);
        assertRefused(() -> KeyRules.key("k".repeat(KeyRules.MAX_KEY_LENGTH + 1)), "invalid-key");
    }

    @Test
    void prefixMayBeEmptyButOtherwiseUsesTheKeyAlphabet() {
        assertThat(KeyRules.prefix(null)).isEmpty();
        assertThat(KeyRules.prefix("")).isEmpty();
        assertThat(KeyRules.prefix("user-")).isEqualTo("user-");
        assertRefused(() -> KeyRules.prefix("a b"), "invalid-prefix");
        assertRefused(() -> KeyRules.prefix("p".repeat(513)), "invalid-prefix");
    }

    private static void assertRefused(Runnable call, String type) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().value()).isEqualTo(400);
            assertThat(e.type()).isEqualTo(type);
            assertThat(e.getMessage()).isNotBlank();
        });
    }
}

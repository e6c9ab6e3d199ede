package dev.strata.fixes.env;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnvFileTest {

    private static final String TEXT = "# comment\nA=1\nexport B=\"two words\"\nEMPTY=\n#C=3\n";

    @Test
    void parsesAssignmentsQuotesAndComments() {
        EnvFile env = EnvFile.parse(TEXT);
        assertThat(env.values()).containsEntry("A", "1").containsEntry("B", "two words").containsEntry("EMPTY", "").doesNotContainKey("C");
        assertThat(env.hasValue("EMPTY")).isFalse();
    }

    @Test
    void settingAValueChangesOnlyItsLine() {
        EnvFile env = EnvFile.parse(TEXT);
        assertThat(env.withValue("A", "9")).isEqualTo("# comment\nA=9\nexport B=\"two words\"\nEMPTY=\n#C=3\n");
        assertThat(env.withValue("NEW", "x")).isEqualTo(TEXT + "NEW=x\n");
        assertThat(EnvFile.parse("A=1").withValue("N", "2")).isEqualTo("A=1\nN=2\n");
    }
}

package dev.strata.fixes.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

/** The assertions every incident test makes: read-only commands touch nothing, no secret is ever printed. */
final class IncidentAssertions {
    private IncidentAssertions() {
    }

    /** diagnose, check and fix --dry-run change no file (hash and mode) and signal no process (same pids). */
    static void assertReadOnly(HostFixture host, String... args) throws IOException {
        Map<String, String> before = host.checksums();
        Set<Long> pids = host.processes();
        host.run(args);
        assertThat(host.checksums()).as("files after %s", String.join(" ", args)).isEqualTo(before);
        assertThat(host.processes()).as("processes after %s", String.join(" ", args)).isEqualTo(pids);
    }

    /** No secret in any CLI output, nor in the repair journal (backups hold secrets by design, in 0700 directories). */
    static void assertNoSecretPrinted(HostFixture host) throws IOException {
        java.nio.file.Path journal = host.stateDir.resolve("history.jsonl");
        if (java.nio.file.Files.exists(journal)) {
            String text = java.nio.file.Files.readString(journal);
            HostFixture.SECRETS.forEach(secret -> assertThat(text).as("history journal").doesNotContain(secret));
        }
        for (String output : host.outputs) {
            for (String secret : HostFixture.SECRETS) {
                assertThat(output).as("CLI output").doesNotContain(secret);
            }
        }
    }
}

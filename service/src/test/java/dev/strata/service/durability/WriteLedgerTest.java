package dev.strata.service.durability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The crash test's model: which states of a key are legal after a crash, and which are violations. */
class WriteLedgerTest {

    private final WriteLedger ledger = new WriteLedger();

    @Test
    void theAcknowledgedWriteAtItsVersionIsLegal() {
        acknowledge("k", 1, 100);
        assertThat(ledger.reconcile("k", 1, 100)).isNull();
    }

    @Test
    void aLostAcknowledgedWriteIsAViolation() {
        acknowledge("k", 1, 100);
        assertThat(ledger.reconcile("k", -1, 0)).contains("missing");
    }

    @Test
    void anOlderWriteOrAnotherVersionIsAViolation() {
        acknowledge("k", 1, 100);
        acknowledge("k", 2, 200);
        assertThat(ledger.reconcile("k", 1, 100)).isNotNull();
        acknowledge("k", 3, 300);
        assertThat(ledger.reconcile("k", 3, 301)).contains("acknowledged at 300");
    }

    @Test
    void theUnansweredWriteMayHaveCommittedAndIsThenAdopted() {
        acknowledge("k", 1, 100);
        ledger.sending("k", 2);
        assertThat(ledger.reconcile("k", 2, 150)).isNull();
        assertThat(ledger.unansweredButCommitted()).isEqualTo(1);
        assertThat(ledger.nextSeq("k")).isEqualTo(3);
        assertThat(ledger.reconcile("k", 2, 150)).as("adopted as acknowledged").isNull();
    }

    @Test
    void anUnansweredWriteWithAVersionNotAboveTheAcknowledgedOneIsAViolation() {
        acknowledge("k", 1, 100);
        ledger.sending("k", 2);
        assertThat(ledger.reconcile("k", 2, 100)).isNotNull();
    }

    @Test
    void aFreshKeyWhoseOnlyWriteWasUnansweredMayBeAbsentOrWhole() {
        ledger.sending("fresh", 1);
        assertThat(ledger.reconcile("fresh", -1, 0)).isNull();
        ledger.sending("fresh", 1);
        assertThat(ledger.reconcile("fresh", 1, 5)).isNull();
        assertThat(ledger.acknowledgedKeys()).containsExactly("fresh");
    }

    @Test
    void aSeqThatWasNeverSentIsAViolation() {
        acknowledge("k", 1, 100);
        assertThat(ledger.reconcile("k", 7, 700)).isNotNull();
    }

    @Test
    void bodiesAreDeterministicAndDistinctPerWrite() {
        assertThat(WriteLedger.body("k", 3)).isEqualTo(WriteLedger.body("k", 3)).startsWith("{\"key\":\"k\",\"seq\":3,");
        assertThat(WriteLedger.body("k", 3)).isNotEqualTo(WriteLedger.body("k", 4));
    }

    private void acknowledge(String key, long seq, long version) {
        ledger.sending(key, seq);
        ledger.acknowledged(key, seq, version);
    }
}

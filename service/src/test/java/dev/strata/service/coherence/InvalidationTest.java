package dev.strata.service.coherence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.service.kv.ItemKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire form of invalidations: round trips, tenant-wide messages, and tolerance of foreign lines. */
class InvalidationTest {

    @Test
    void itemInvalidationsRoundTrip() {
        Invalidation one = Invalidation.ofItem("instance-1", new ItemKey("t1", "ns", "user:42@x"), 1700000000000001L);
        Invalidation two = Invalidation.ofItem("instance-1", new ItemKey("t2", "other.ns", "k"), 5);
        List<Invalidation> decoded = Invalidation.decodeAll(Invalidation.encodeAll(List.of(one, two)));
        assertThat(decoded).containsExactly(one, two);
        assertThat(decoded.getFirst().itemKey()).isEqualTo(new ItemKey("t1", "ns", "user:42@x"));
        assertThat(decoded.getFirst().isTenantWide()).isFalse();
    }

    @Test
    void tenantWideInvalidationRoundTrips() {
        Invalidation tenant = Invalidation.ofTenant("origin", "t9");
        assertThat(tenant.isTenantWide()).isTrue();
        assertThat(tenant.version()).isEqualTo(Long.MAX_VALUE);
        assertThat(Invalidation.decodeAll(Invalidation.encodeAll(List.of(tenant)))).containsExactly(tenant);
    }

    @Test
    void encodingIsOneTabSeparatedLinePerInvalidation() {
        String wire = Invalidation.encodeAll(List.of(
                new Invalidation("o", "t", "n", "k", 1), new Invalidation("o", "t", "n", "k2", 2)));
        assertThat(wire).isEqualTo("o\tt\tn\tk\t1\no\tt\tn\tk2\t2");
    }

    @Test
    void malformedLinesAreSkippedAndTheRestKept() {
        String wire = String.join("\n",
                "garbage",
                "o\tt\tn\tk\tnot-a-number",
                "o\tt\tn\tk\t1\textra",
                "",
                "o\tt\tn\tk\t3");
        assertThat(Invalidation.decodeAll(wire)).containsExactly(new Invalidation("o", "t", "n", "k", 3));
        assertThat(Invalidation.decodeAll("")).isEmpty();
    }
}

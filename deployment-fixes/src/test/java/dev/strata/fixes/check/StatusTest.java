package dev.strata.fixes.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTest {

    @Test
    void codesFollowMonitoringPluginsAndCriticalIsWorst() {
        assertThat(List.of(Status.OK.code, Status.WARNING.code, Status.CRITICAL.code, Status.UNKNOWN.code)).containsExactly(0, 1, 2, 3);
        assertThat(Status.OK.worst(Status.WARNING)).isEqualTo(Status.WARNING);
        assertThat(Status.WARNING.worst(Status.UNKNOWN)).isEqualTo(Status.UNKNOWN);
        assertThat(Status.UNKNOWN.worst(Status.CRITICAL)).isEqualTo(Status.CRITICAL);
        assertThat(Status.CRITICAL.worst(Status.UNKNOWN)).isEqualTo(Status.CRITICAL);
    }

    @Test
    void verdictLineCountsEveryStatus() {
        Diagnosis d = new Diagnosis(List.of(Finding.ok("a", Area.HOST, "fine", List.of()),
                Finding.manual("b", Area.HOST, Status.WARNING, "host-disk-low", "low", List.of(), "c", "m")));
        assertThat(d.verdictLine()).isEqualTo("STRATA WARNING - 0 critical, 1 warning, 0 unknown, 1 ok");
    }
}

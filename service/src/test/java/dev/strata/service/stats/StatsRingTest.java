package dev.strata.service.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsRingTest {

    private static Sample at(long ms) {
        return new Sample(ms, Map.of("hot", new TierSample(0, null, null, 0L, 0L)));
    }

    @Test
    void keepsTheLastCapacitySamplesOldestFirst() {
        StatsRing ring = new StatsRing(3);
        assertThat(ring.snapshot()).isEmpty();
        ring.add(at(1));
        ring.add(at(2));
        assertThat(ring.snapshot()).extracting(Sample::atMs).containsExactly(1L, 2L);
        ring.add(at(3));
        ring.add(at(4));
        ring.add(at(5));
        assertThat(ring.snapshot()).extracting(Sample::atMs).containsExactly(3L, 4L, 5L);
    }

    @Test
    void refusesAnEmptyRing() {
        assertThatThrownBy(() -> new StatsRing(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void intervalFiguresComeFromCounterDeltas() {
        TierCounters.Reading before = new TierCounters.Reading(10, 5, 4, 2.0);
        TierCounters.Reading after = new TierCounters.Reading(13, 6, 8, 4.0);
        TierSample sample = TierCounters.between(before, after, 7L, 700L);
        assertThat(sample.reads()).isEqualTo(4);
        assertThat(sample.hitRatio()).isEqualTo(0.75);
        assertThat(sample.meanGetMs()).isEqualTo(0.5);
        assertThat(sample.entries()).isEqualTo(7L);
    }

    @Test
    void anIdleIntervalHasNoRatioOrLatencyRatherThanZero() {
        TierCounters.Reading same = new TierCounters.Reading(10, 5, 4, 2.0);
        TierSample sample = TierCounters.between(same, same, null, null);
        assertThat(sample.reads()).isZero();
        assertThat(sample.hitRatio()).isNull();
        assertThat(sample.meanGetMs()).isNull();
    }

    @Test
    void windowMustHoldAtLeastOneSample() {
        assertThat(new StatsProperties(5, 300).capacity()).isEqualTo(60);
        assertThat(new StatsProperties(10, 5).isWindowAtLeastOneSample()).isFalse();
    }
}

package dev.strata.service.stats;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code strata.stats.*}: how often the console's status page figures are sampled and how many are kept. */
@Validated
@ConfigurationProperties("strata.stats")
public record StatsProperties(
        @Min(value = 1, message = "strata.stats.sample-interval-seconds must be at least 1")
        @Max(value = 300, message = "strata.stats.sample-interval-seconds must be at most 300") int sampleIntervalSeconds,
        @Min(value = 1, message = "strata.stats.window-seconds must be at least 1")
        @Max(value = 86400, message = "strata.stats.window-seconds must be at most 86400") int windowSeconds) {

    @AssertTrue(message = "strata.stats.window-seconds must be at least strata.stats.sample-interval-seconds")
    public boolean isWindowAtLeastOneSample() {
        return windowSeconds >= sampleIntervalSeconds;
    }

    /** Samples kept in the ring: the window divided by the interval. */
    public int capacity() {
        return Math.max(1, windowSeconds / sampleIntervalSeconds);
    }
}

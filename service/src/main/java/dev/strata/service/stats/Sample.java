package dev.strata.service.stats;

import java.util.Map;

/** The three tiers at the end of one sampling interval; {@code tiers} is keyed by tier label. */
public record Sample(long atMs, Map<String, TierSample> tiers) {

    public Sample {
        tiers = Map.copyOf(tiers);
    }
}

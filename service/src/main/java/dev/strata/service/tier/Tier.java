package dev.strata.service.tier;

/** The three storage tiers, fastest first. */
public enum Tier {
    HOT, WARM, DURABLE;

    /** Lower-case name used in metric labels and the X-Strata-Tier response header. */
    public String label() {
        return switch (this) {
            case HOT -> "hot";
            case WARM -> "warm";
            case DURABLE -> "durable";
        };
    }
}

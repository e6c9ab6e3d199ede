package dev.strata.fixes.check;

/**
 * Result of one check, numbered like the monitoring-plugins convention so the same checks can run
 * from a monitoring system. {@link #rank} orders severity for the verdict: CRITICAL beats UNKNOWN
 * beats WARNING beats OK (the "max_state_alt" order: an unknown is worse than a known warning).
 */
public enum Status {
    OK(0, 0), WARNING(1, 1), CRITICAL(2, 3), UNKNOWN(3, 2);

    public final int code;
    private final int rank;

    Status(int code, int rank) {
        this.code = code;
        this.rank = rank;
    }

    public Status worst(Status other) {
        return other.rank > rank ? other : this;
    }
}

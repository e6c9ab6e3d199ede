package dev.strata.fixes.deps;

/** How a connection attempt to a dependency ended, classified from the exception chain, never guessed. */
public record ProbeResult(Outcome outcome, String detail) {

    public enum Outcome {
        OK(false),
        /** Connection refused: nothing listens at host:port. */
        REFUSED(false),
        TIMEOUT(false),
        /** The host name does not resolve: the URL is wrong. */
        UNRESOLVABLE(true),
        /** Something answered, but not with this protocol: the URL points at another service. */
        WRONG_PROTOCOL(true),
        /** The server answered and rejected the database name: the URL is wrong. */
        WRONG_DATABASE(true),
        AUTH_FAILED(true),
        /** The URL does not parse or has the wrong scheme. */
        BAD_URL(true);

        /** True when the dependency itself answered or cannot be addressed: the fault is the URL, not the service. */
        public final boolean isUrlFault;

        Outcome(boolean isUrlFault) {
            this.isUrlFault = isUrlFault;
        }
    }

    public static ProbeResult ok(String detail) {
        return new ProbeResult(Outcome.OK, detail);
    }

    static ProbeResult fromConnectFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof java.net.UnknownHostException) {
                return new ProbeResult(Outcome.UNRESOLVABLE, "host does not resolve: " + t.getMessage());
            }
            if (t instanceof java.net.ConnectException) {
                return new ProbeResult(Outcome.REFUSED, "connection refused");
            }
            if (t instanceof java.net.SocketTimeoutException) {
                return new ProbeResult(Outcome.TIMEOUT, "connection timed out");
            }
        }
        return null;
    }
}

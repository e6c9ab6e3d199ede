package dev.strata.placement.sim.trace;

/** A trace line that is not {@code key} or {@code key size}; the message names the file and line. */
public final class TraceFormatException extends RuntimeException {
  public TraceFormatException(String message) {
    super(message);
  }
}

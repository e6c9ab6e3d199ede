package dev.strata.placement.sim;

/** The simulator's exit codes, in one place. */
public enum ExitCode {
  /** Everything was simulated and written. */
  OK(0),
  /** A trace could not be read or a report not written; the message says which. */
  FAILED(1),
  /** Bad command line (picocli's own convention). */
  USAGE(2),
  /** A stability or forgetting check ran but missed its target. */
  TARGET_MISSED(3);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}

package dev.trailhouse.config;

/**
 * A user-facing failure: what went wrong, why, and how to fix it. Created only through {@link
 * Errors} so that every message names the argument or configuration key to change.
 */
public final class TrailhouseException extends RuntimeException {
  /** How the process should exit. */
  public enum Kind {
    /** Bad usage or configuration: exit 2. */
    USAGE(2),
    /** The run itself failed: exit 1. */
    RUN(1);

    private final int exitCode;

    Kind(int exitCode) {
      this.exitCode = exitCode;
    }

    public int exitCode() {
      return exitCode;
    }
  }

  private final Kind kind;

  TrailhouseException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}

package dev.trailhouse.ledger;

import java.time.Duration;
import java.time.Instant;

/**
 * One row of {@code command_runs}: a status of one run of a command at one moment. The ledger is
 * append-only; a run's status is that of its latest row (by {@code recordedAt}).
 *
 * @param leaseUntil for a running row, until when the run counts as alive without another heartbeat
 * @param foundBy for an abandoned row, the run that found it
 */
public record RunRecord(
    String runId,
    String command,
    String arguments,
    Status status,
    String message,
    Instant startedAt,
    Instant recordedAt,
    Instant leaseUntil,
    String host,
    long pid,
    String foundBy) {

  /** How a run stands. */
  public enum Status {
    RUNNING,
    SUCCEEDED,
    FAILED,
    ABANDONED;

    /** The word stored in the table. */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Status of(String word) {
      return valueOf(word.toUpperCase(java.util.Locale.ROOT));
    }
  }

  /** Heartbeats of a live run are this far apart. */
  public static final Duration HEARTBEAT = Duration.ofMinutes(2);

  /**
   * A running row vouches for its run this long; five heartbeats may be missed before it lapses.
   */
  public static final Duration LEASE = Duration.ofMinutes(10);

  /** Longest message kept, in characters. */
  public static final int MESSAGE_CHARS = 4000;

  /** The row of a live run at {@code now}. */
  public static RunRecord running(RunRecord start, Instant now) {
    return new RunRecord(
        start.runId,
        start.command,
        start.arguments,
        Status.RUNNING,
        null,
        start.startedAt,
        now,
        now.plus(LEASE),
        start.host,
        start.pid,
        null);
  }

  /** The final row of a run that ended at {@code now}. */
  public RunRecord ended(Status end, String why, Instant now) {
    return new RunRecord(
        runId, command, arguments, end, clip(why), startedAt, now, null, host, pid, null);
  }

  /** The row a later run ({@code finder}) writes for this run, found without a live process. */
  public RunRecord abandoned(String finder, String why, Instant now) {
    return new RunRecord(
        runId,
        command,
        arguments,
        Status.ABANDONED,
        clip(why),
        startedAt,
        now,
        null,
        host,
        pid,
        finder);
  }

  static String clip(String s) {
    return s == null || s.length() <= MESSAGE_CHARS ? s : s.substring(0, MESSAGE_CHARS - 3) + "...";
  }
}

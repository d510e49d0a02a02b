package dev.trailhouse.write;

import java.time.Instant;
import java.time.LocalDate;

/** What an ingest run did; one row of ingest_runs and the run's one-line summary. */
public record IngestSummary(
    String runId,
    String arguments,
    LocalDate from,
    LocalDate to,
    int latenessDays,
    Instant startedAt,
    Instant endedAt,
    String status,
    String message,
    long foldersListed,
    long filesListed,
    long filesSkipped,
    long filesRead,
    long filesUnreadable,
    long otherObjects,
    long recordsRead,
    long written,
    long duplicates,
    long rejected,
    long filtered,
    String eventDates,
    String skipped,
    String nonstandard) {

  /** read = written + duplicates + rejected + filtered. */
  public boolean balanced() {
    return recordsRead == written + duplicates + rejected + filtered;
  }

  private static boolean isNone(String tally) {
    return tally == null || tally.equals("{}");
  }

  /** The one-line summary every run ends with. */
  public String line() {
    return String.format(
            "trailhouse ingest %s..%s %s: files listed=%d read=%d skipped=%d unreadable=%d other=%d | "
                + "records read=%d written=%d duplicates=%d rejected=%d filtered=%d | %.1fs run=%s%s",
            from,
            to,
            status,
            filesListed,
            filesRead,
            filesSkipped,
            filesUnreadable,
            otherObjects,
            recordsRead,
            written,
            duplicates,
            rejected,
            filtered,
            (endedAt.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0,
            runId,
            message == null ? "" : " | " + message)
        + (isNone(skipped) ? "" : " | not read: " + skipped)
        + (isNone(nonstandard) ? "" : " | read, not in CloudTrail's standard form: " + nonstandard);
  }
}

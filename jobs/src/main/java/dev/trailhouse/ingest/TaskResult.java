package dev.trailhouse.ingest;

import dev.trailhouse.ledger.FileOutcome;
import dev.trailhouse.write.parquet.EventsFile;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;

/**
 * What one read task did: every file's outcome, the data files it wrote (not committed yet), and
 * its counts. Rows = events emitted by the parser; duplicates = ids already seen in this task or
 * written by the previous one; skipped = rows left out as known duplicates of other tasks or of the
 * table (a rewrite); written = rows in the data files; rejects = the task's reject file (null when
 * it found none).
 */
public record TaskResult(
    int bin,
    List<FileOutcome> outcomes,
    List<Output> files,
    long events,
    long duplicates,
    long skipped,
    long written,
    String keys,
    long fastRecords,
    long slowRecords,
    String rejects)
    implements Serializable {

  /** A data file and the event_date partition it belongs to. */
  public record Output(LocalDate date, EventsFile.Written file) implements Serializable {}
}

package dev.trailhouse.write.parquet;

import dev.trailhouse.row.EventRow;
import java.io.IOException;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * A Parquet data file of the {@code events} table being written from {@link EventRow}s. Two
 * implementations: {@link EventsFile}, Trailhouse's own encoder (what ingest uses), and {@link
 * LibraryEventsFile}, the same file through parquet-mr's column writers (what {@code trailhouse
 * bench} compares it with).
 */
public interface EventsWriter extends AutoCloseable {
  /** Which encoder writes the file. */
  enum Kind {
    TRAILHOUSE,
    PARQUET_MR;

    /** The name {@code trailhouse bench} prints. */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** Opens a file of {@code kind} at {@code path}. */
  static EventsWriter open(
      Kind kind,
      Path path,
      Configuration conf,
      long rowGroupBytes,
      int statsPrefixLength,
      EventsFile.Buffers buffers)
      throws IOException {
    return switch (kind) {
      case TRAILHOUSE -> new EventsFile(path, conf, rowGroupBytes, statsPrefixLength, buffers);
      case PARQUET_MR -> new LibraryEventsFile(path, conf, rowGroupBytes, statsPrefixLength);
    };
  }

  Path path();

  /** Rows added so far. */
  long rows();

  /** Bytes buffered for the current row group (an estimate of its size). */
  long bufferedBytes();

  /** Adds a row; writes a row group when the buffer is full. */
  void add(EventRow r) throws IOException;

  /** Writes the buffered rows as a row group now (a task that holds too much in memory asks). */
  void flush() throws IOException;

  /** Finishes the file; returns what the Delta commit needs to know about it. */
  EventsFile.Written finish() throws IOException;

  /** Abandons the file unless it was finished (a failed task): closes and deletes it. */
  @Override
  void close();
}

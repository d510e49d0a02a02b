package dev.trailhouse.ingest;

import dev.trailhouse.ledger.FileOutcome;
import dev.trailhouse.ledger.LogFile;
import dev.trailhouse.ledger.Reject;
import dev.trailhouse.read.FileContent;
import dev.trailhouse.read.FileParser;
import dev.trailhouse.row.EventRow;
import dev.trailhouse.spark.HadoopConf;
import dev.trailhouse.table.EventsTable;
import dev.trailhouse.write.RejectFile;
import dev.trailhouse.write.parquet.EventsFile;
import dev.trailhouse.write.parquet.EventsWriter;
import dev.trailhouse.write.parquet.LongList;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One read task: reads its files whole (gzip is not splittable), parses each once, drops the events
 * it has seen already (in this task, or in the previous task's last files), and writes the rest
 * straight into Parquet data files of the events table, one per event date, not yet committed. The
 * key of every row written goes to a small side file for the run-wide check. Deterministic: the
 * same bin and skip list give the same rows in the same order.
 */
public final class ReadTask {
  private static final int EVENT_ID = EventsTable.index(EventsTable.EVENT_ID);
  private static final int EVENT_DATE = EventsTable.index(EventsTable.EVENT_DATE);

  /** What every task of a run shares. */
  public record Spec(
      String table,
      String keysDir,
      String rejectsDir,
      String runId,
      List<String> sources,
      long rowGroupBytes,
      long bufferBytes,
      int statsPrefixLength,
      EventsWriter.Kind writer,
      HadoopConf conf)
      implements Serializable {}

  private final Spec spec;
  private final Configuration conf;
  private final FileParser parser;
  private final FileContent content = new FileContent();
  private KeySet seen;
  private final long[] key = new long[2];
  private final EventsFile.Buffers buffers = new EventsFile.Buffers();

  public ReadTask(Spec spec) {
    this.spec = spec;
    this.conf = spec.conf().get();
    this.parser = new FileParser(spec.sources());
  }

  /**
   * Runs the bin. {@code skip}: sorted ordinals of rows to leave out (duplicates found by the
   * run-wide check); empty on the first pass.
   */
  public TaskResult run(Bins.Bin bin, long[] skip) {
    long bytes = 0;
    for (LogFile f : bin.files()) {
      bytes += f.size();
    }
    // About 100 compressed bytes an event in CloudTrail files: size the task's sets for that.
    long events = bytes / 100;
    seen = new KeySet(events);
    for (LogFile f : bin.lookBehind()) {
      // Only the ids: the previous task writes these events.
      read(
          f,
          row -> {
            EventKey.of(row.base(EVENT_ID), row.offset(EVENT_ID), row.length(EVENT_ID), key);
            seen.add((int) row.number(EVENT_DATE), key[0], key[1]);
          },
          (file, reject) -> {}); // the previous task records its rejects
    }
    long[] before = parser.paths();
    Writer w = new Writer(bin.index(), skip, (int) Math.min(1 << 24, events));
    List<FileOutcome> outcomes = new ArrayList<>();
    RejectFile rejects =
        new RejectFile(
            spec.rejectsDir(),
            String.format("bin-%05d-%s.json.gz", bin.index(), UUID.randomUUID()),
            conf);
    try {
      for (LogFile f : bin.files()) {
        outcomes.add(read(f, w::accept, rejects::add));
      }
      List<TaskResult.Output> files = w.finish();
      String keys = w.writeKeys();
      long[] paths = parser.paths();
      return new TaskResult(
          bin.index(),
          outcomes,
          files,
          w.events,
          w.duplicates,
          w.skipped,
          w.written,
          keys,
          paths[0] - before[0],
          paths[1] - before[1],
          rejects.finish());
    } catch (IOException e) {
      w.abandon();
      rejects.abandon();
      throw new UncheckedIOException(
          "Cannot write the events data files under " + spec.table() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      w.abandon();
      rejects.abandon();
      throw e;
    }
  }

  private interface Rows {
    void accept(EventRow row);
  }

  private interface Rejects {
    void add(LogFile file, Reject reject);
  }

  private FileOutcome read(LogFile file, Rows rows, Rejects rejects) {
    Path path = new Path(file.uri());
    try {
      FileSystem fs = path.getFileSystem(conf);
      try (InputStream in = fs.open(path)) {
        content.read(in);
      }
    } catch (IOException e) {
      // s3a has already retried transient failures. The file is rejected, left out of the
      // manifest so that the next run reads it again, and the run ends with a failure.
      rejects.add(
          file,
          FileOutcome.unreadableReject(file, e.getClass().getSimpleName() + ": " + e.getMessage()));
      return FileOutcome.unreadable(file);
    }
    return parser.parse(file, content, rows::accept, r -> rejects.add(file, r));
  }

  /** De-duplicates and routes rows into one data file per event date. */
  private final class Writer {
    private final int bin;
    private final long[] skip;
    private final TreeMap<Integer, EventsWriter> open = new TreeMap<>();
    private final List<TaskResult.Output> done = new ArrayList<>();
    private final LongList keys;
    private long events;
    private long duplicates;
    private long skipped;
    private long written;
    private int ordinal;

    Writer(int bin, long[] skip, int expected) {
      this.bin = bin;
      this.skip = skip;
      this.keys = new LongList(3 * Math.max(1024, expected));
    }

    void accept(EventRow row) {
      events++;
      int day = (int) row.number(EVENT_DATE);
      EventKey.of(row.base(EVENT_ID), row.offset(EVENT_ID), row.length(EVENT_ID), key);
      if (!seen.add(day, key[0], key[1])) {
        duplicates++;
        return;
      }
      int n = ordinal++;
      if (skip.length > 0 && Arrays.binarySearch(skip, n) >= 0) {
        skipped++;
        return;
      }
      try {
        file(day).add(row);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      written++;
      keys.add(key[0]);
      keys.add(key[1]);
      keys.add((long) day << 32 | (n & 0xFFFFFFFFL));
      if ((written & 4095) == 0) {
        bound();
      }
    }

    private EventsWriter file(int day) throws IOException {
      EventsWriter f = open.get(day);
      if (f == null) {
        LocalDate date = LocalDate.ofEpochDay(day);
        String name = String.format("part-%05d-%s.c000.snappy.parquet", bin, UUID.randomUUID());
        Path p = new Path(spec.table() + "/" + EventsTable.EVENT_DATE + "=" + date + "/" + name);
        f =
            EventsWriter.open(
                spec.writer(), p, conf, spec.rowGroupBytes(), spec.statsPrefixLength(), buffers);
        open.put(day, f);
      }
      return f;
    }

    /**
     * Keeps the task's buffered rows under its budget by writing the biggest buffer as a row group.
     */
    private void bound() {
      long total = 0;
      EventsWriter biggest = null;
      for (EventsWriter f : open.values()) {
        long b = f.bufferedBytes();
        total += b;
        if (biggest == null || b > biggest.bufferedBytes()) {
          biggest = f;
        }
      }
      if (total > spec.bufferBytes() && biggest != null) {
        try {
          biggest.flush();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }

    List<TaskResult.Output> finish() throws IOException {
      for (var e : open.entrySet()) {
        done.add(new TaskResult.Output(LocalDate.ofEpochDay(e.getKey()), e.getValue().finish()));
      }
      open.clear();
      return done;
    }

    /** Writes the keys of the rows written: (hi, lo, day << 32 | ordinal) as big-endian longs. */
    String writeKeys() throws IOException {
      if (keys.size() == 0) {
        return null;
      }
      Path p =
          new Path(
              spec.keysDir() + "/" + String.format("bin-%05d-%s.keys", bin, UUID.randomUUID()));
      FileSystem fs = p.getFileSystem(conf);
      try (java.io.OutputStream out = fs.create(p, false)) {
        out.write(keys.toBytes());
      }
      return p.toString();
    }

    /** A failed task removes what it wrote (nothing of it is committed anyway). */
    void abandon() {
      for (EventsWriter f : open.values()) {
        f.close();
      }
      for (TaskResult.Output o : done) {
        try {
          Path p = new Path(o.file().path());
          p.getFileSystem(conf).delete(p, false);
        } catch (IOException ignored) {
          // VACUUM removes uncommitted files.
        }
      }
    }
  }
}

package dev.trailhouse.ingest;

import dev.trailhouse.config.Config;
import dev.trailhouse.config.DateRange;
import dev.trailhouse.ledger.FileOutcome;
import dev.trailhouse.ledger.LogFile;
import dev.trailhouse.read.Listing;
import dev.trailhouse.read.TrailLister;
import dev.trailhouse.table.EventsTable;
import dev.trailhouse.write.DeltaTables;
import dev.trailhouse.write.IngestRunsTable;
import dev.trailhouse.write.IngestSummary;
import dev.trailhouse.write.IngestedFilesTable;
import dev.trailhouse.write.RejectsTable;
import dev.trailhouse.write.parquet.EventsWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest pipeline: list the asked day folders, skip files already ingested, parse the rest
 * once, de-duplicate by eventID, commit the new rows in one Delta commit, then record rejects, the
 * manifest and the run. Every record read is accounted for; a run whose counts do not reconcile is
 * marked failed.
 */
public final class Ingest {
  private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);

  /** Whether files already in the manifest are read again. */
  public enum Mode {
    NEW_FILES,
    REPROCESS
  }

  private final SparkSession spark;
  private final Config config;
  private final Clock clock;
  private final EventsWriter.Kind writer;

  public Ingest(SparkSession spark, Config config, Clock clock) {
    this(spark, config, clock, EventsWriter.Kind.TRAILHOUSE);
  }

  /**
   * An ingest whose data files are written by {@code writer} ({@code trailhouse bench} compares).
   */
  public Ingest(SparkSession spark, Config config, Clock clock, EventsWriter.Kind writer) {
    this.spark = spark;
    this.config = config;
    this.clock = clock;
    this.writer = writer;
  }

  public IngestSummary run(DateRange range, Mode mode, String runId, String arguments) {
    PhaseTimes times = new PhaseTimes();
    Instant started = clock.instant();
    List<LocalDate> days = range.days(config.latenessDays());
    LOG.info(
        "Ingest run {}: delivery days {}..{} ({} days incl. lateness {})",
        runId,
        days.get(0),
        days.get(days.size() - 1),
        days.size(),
        config.latenessDays());
    Listing listing = list(days);
    times.lap("list");
    Set<String> done =
        mode == Mode.REPROCESS
            ? Set.of()
            : IngestedFilesTable.ingested(spark, config.table(IngestedFilesTable.NAME), days);
    times.lap("manifest-lookup");
    List<LogFile> toRead = new ArrayList<>();
    for (LogFile f : listing.files()) {
      if (!done.contains(f.identity())) {
        toRead.add(f);
      }
    }
    long skipped = listing.files().size() - toRead.size();
    LOG.info(
        "{} event files listed, {} already ingested and skipped, {} to read",
        listing.files().size(),
        skipped,
        toRead.size());

    Counts c = toRead.isEmpty() ? new Counts() : ingest(toRead, runId, started, times);
    String status = "succeeded";
    String message = null;
    if (c.unreadable > 0) {
      status = "failed";
      message =
          c.unreadable
              + " files could not be read; they are in rejects, not in the manifest, and the next run reads them again";
    }
    if (c.problem != null) {
      status = "failed";
      message = c.problem;
    }
    IngestSummary summary =
        new IngestSummary(
            runId,
            arguments,
            range.from(),
            range.to(),
            config.latenessDays(),
            started,
            clock.instant(),
            status,
            message,
            listing.foldersListed().size(),
            listing.files().size(),
            skipped,
            toRead.size() - c.unreadable,
            c.unreadable,
            listing.otherObjects(),
            c.read,
            c.written,
            c.duplicates,
            c.rejected,
            c.filtered,
            c.dates.toString(),
            listing.skipped().json(),
            listing.nonstandard().json());
    IngestRunsTable.write(spark, config.table(IngestRunsTable.NAME), summary);
    times.lap("run-row");
    LOG.info(times.line());
    return summary;
  }

  private Listing list(List<LocalDate> days) {
    Path root = new Path(config.input());
    FileSystem fs;
    try {
      fs = root.getFileSystem(spark.sessionState().newHadoopConf());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new TrailLister(
            fs, config.input(), config.accounts(), config.regions(), config.listingThreads())
        .list(days);
  }

  private Counts ingest(List<LogFile> files, String runId, Instant started, PhaseTimes times) {
    String table = config.table(EventsTable.NAME);
    // All four tables exist before any data file is written. New ones are created side by side
    // (0.95 s
    // -> 0.75 s for a fresh warehouse's four, measured), and one a kill interrupts is completed by
    // the
    // next run (DeltaTables.ensure).
    DeltaTables.ensureAll(
        List.of(
            () ->
                DeltaTables.ensure(
                    spark,
                    table,
                    EventsTable.SCHEMA,
                    EventsTable.PROPERTIES,
                    EventsTable.EVENT_DATE),
            () -> RejectsTable.ensure(spark, config.table(RejectsTable.NAME)),
            () -> IngestedFilesTable.ensure(spark, config.table(IngestedFilesTable.NAME)),
            () -> IngestRunsTable.ensure(spark, config.table(IngestRunsTable.NAME))));
    times.lap("tables");
    List<Bins.Bin> bins = Bins.of(files, tasks(files));
    String keys = table + "/" + KEYS_FOLDER;
    String rejectsRoot = config.table(RejectsTable.NAME) + "/" + RejectsTable.SIDE_FOLDER;
    ReadTask.Spec spec =
        new ReadTask.Spec(
            table,
            keys + "/" + runId,
            rejectsRoot + "/" + runId,
            runId,
            config.sources(),
            ROW_GROUP_BYTES,
            TASK_BUFFER_BYTES,
            statsPrefixLength(),
            writer,
            EventsLoad.conf(spark));
    EventsLoad.removeStaleKeys(keys, spec.conf(), clock.millis());
    EventsLoad.removeStaleKeys(rejectsRoot, spec.conf(), clock.millis());
    try {
      return ingest(files, runId, started, table, bins, spec, times);
    } finally {
      EventsLoad.delete(spec.rejectsDir(), spec.conf());
    }
  }

  private Counts ingest(
      List<LogFile> files,
      String runId,
      Instant started,
      String table,
      List<Bins.Bin> bins,
      ReadTask.Spec spec,
      PhaseTimes times) {
    long bytes = files.stream().mapToLong(LogFile::size).sum();
    LOG.info(
        "Reading {} files ({} MB compressed) in {} tasks", files.size(), bytes >> 20, bins.size());
    List<ReadStage.Work> work = new ArrayList<>();
    for (Bins.Bin b : bins) {
      work.add(new ReadStage.Work(b, new long[0]));
    }
    EventsLoad load = new EventsLoad(spark, table, spec, bins, ReadStage.run(spark, spec, work));
    times.lap("read");
    Counts c = new Counts();
    for (FileOutcome o : load.outcomes()) {
      c.read += o.records();
      c.parsed += o.events();
      c.filtered += o.filtered();
      c.rejected += o.rejected();
      c.unreadable += o.readable() ? 0 : 1;
      c.dates.addAll(o.eventDates());
      if (!o.balanced()) {
        c.problem = "file " + o.file().uri() + " does not reconcile: " + o;
      }
    }
    long[] paths = load.paths();
    LOG.info(
        "Read {} files: {} records, {} events ({} records parsed by the fast path, {} handed to the reference "
            + "parser), {} rejected, "
            + "{} filtered; event dates {}",
        files.size(),
        c.read,
        c.parsed,
        paths[0],
        paths[1],
        c.rejected,
        c.filtered,
        c.dates);
    if (load.events() != c.parsed) {
      c.problem = "the read tasks saw " + load.events() + " events but the files gave " + c.parsed;
    }
    EventsLoad.Result r = load.commit(c.dates, "events:" + runId, times);
    c.written = r.written();
    c.duplicates = r.duplicatesInTasks() + r.duplicatesAcross() + r.duplicatesInTable();
    LOG.info(
        "Events: {} new rows in {} data files ({} MB, table version {}), {} duplicates ({} within a task, {} across "
            + "tasks, {} already in the table)",
        c.written,
        r.files(),
        r.bytes() >> 20,
        r.version(),
        c.duplicates,
        r.duplicatesInTasks(),
        r.duplicatesAcross(),
        r.duplicatesInTable());
    List<FileOutcome> outcomes = load.outcomes();
    String rejects = config.table(RejectsTable.NAME);
    long newRejects = RejectsTable.write(spark, rejects, load.rejectFiles(), runId, started);
    times.lap("rejects");
    Set<String> read = new java.util.HashSet<>();
    for (FileOutcome o : outcomes) {
      if (o.readable()) {
        read.add(o.file().uri());
      }
    }
    long resolved = RejectsTable.resolve(spark, rejects, read, runId, started);
    LOG.info(
        "Rejects: {} records or files rejected ({} new in the rejects table, written by the read tasks); {} "
            + "earlier rejects of files that could not be read are resolved, as this run read them",
        c.rejected,
        newRejects,
        resolved);
    IngestedFilesTable.write(
        spark, config.table(IngestedFilesTable.NAME), outcomes, runId, started);
    times.lap("manifest");
    if (c.problem == null && c.parsed != c.written + c.duplicates) {
      c.problem =
          "of "
              + c.parsed
              + " events, "
              + c.written
              + " were written and "
              + c.duplicates
              + " were duplicates";
    }
    if (c.problem == null && c.read != c.written + c.duplicates + c.rejected + c.filtered) {
      c.problem =
          dev.trailhouse.config.Errors.unbalanced(
                  "read="
                      + c.read
                      + " written="
                      + c.written
                      + " duplicates="
                      + c.duplicates
                      + " rejected="
                      + c.rejected
                      + " filtered="
                      + c.filtered)
              .getMessage();
    }
    return c;
  }

  /** Buffered bytes per data file before a row group is written (about 20 MB of Parquet). */
  static final long ROW_GROUP_BYTES = 64L << 20;

  /** Where runs keep their key side files (a folder Delta ignores: its name starts with '_'). */
  static final String KEYS_FOLDER = "_trailhouse_keys";

  /** Rows a read task holds in memory across its open data files. */
  static final long TASK_BUFFER_BYTES = 96L << 20;

  /**
   * Read tasks: ingest.parallelism, else two per core, and more when the input is big
   * (ingest.partition_mb each).
   */
  private int tasks(List<LogFile> files) {
    if (config.ingestParallelism() > 0) {
      return config.ingestParallelism();
    }
    long bytes = files.stream().mapToLong(LogFile::size).sum();
    int cores = spark.sparkContext().defaultParallelism();
    return (int)
        Math.max(cores * 2L, Math.min(100_000, bytes / (config.partitionMb() * 1024L * 1024L) + 1));
  }

  private int statsPrefixLength() {
    return Integer.parseInt(
        spark.conf().get("spark.databricks.io.skipping.stringPrefixLength", "32"));
  }

  /** Running counts of one run. */
  private static final class Counts {
    long read;
    long parsed;
    long written;
    long duplicates;
    long rejected;
    long filtered;
    long unreadable;
    String problem;
    final Set<LocalDate> dates = new TreeSet<>();
  }
}

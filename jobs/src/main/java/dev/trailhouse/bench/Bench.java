package dev.trailhouse.bench;

import dev.trailhouse.config.Config;
import dev.trailhouse.config.ConfigLoader;
import dev.trailhouse.config.DateRange;
import dev.trailhouse.ingest.Ingest;
import dev.trailhouse.write.IngestSummary;
import dev.trailhouse.write.parquet.EventsWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * Times, in one session with the same settings: Trailhouse ingest, the naive spark.read.json
 * baseline, the explicit-schema baseline, the gunzip+Jackson floor, the reports, and ingest with
 * 365 day folders present versus one. Prints wall seconds, events/s, the ratios and the peak heap
 * of each phase.
 */
public final class Bench {
  /** One timed phase. */
  public record Phase(String name, double seconds, long events, long peakHeap) {
    double rate() {
      return events / seconds;
    }
  }

  /** The phase of ingest with its data files written by parquet-mr's column writers. */
  public static final String LIBRARY_WRITER = "ingest (parquet-mr writer)";

  private final SparkSession spark;
  private final Map<String, Phase> phases = new LinkedHashMap<>();

  public Bench(SparkSession spark) {
    this.spark = spark;
  }

  public Map<String, Phase> phases() {
    return phases;
  }

  /**
   * Times {@code work} (which returns the events it handled) as a phase; a repeated phase keeps its
   * best run.
   */
  public Phase time(String name, Supplier<Long> work) {
    try (HeapSampler heap = new HeapSampler()) {
      long start = System.nanoTime();
      long events = work.get();
      double s = (System.nanoTime() - start) / 1e9;
      Phase p = new Phase(name, s, events, heap.peak());
      Phase before = phases.get(name);
      phases.put(
          name,
          before == null || p.seconds() < before.seconds()
              ? new Phase(
                  name,
                  p.seconds(),
                  events,
                  Math.max(p.peakHeap(), before == null ? 0 : before.peakHeap()))
              : new Phase(
                  name,
                  before.seconds(),
                  before.events(),
                  Math.max(p.peakHeap(), before.peakHeap())));
      System.out.printf("  %-34s run: %7.2f s%n", name, s);
      return p;
    }
  }

  /** Builds the day's reports from the ingest's warehouse; returns the events of the day. */
  public long reports(Path warehouse, LocalDate day, long events) {
    new dev.trailhouse.report.ReportJob(spark, config(warehouse, warehouse)).run(day, "benchmark");
    return events;
  }

  /**
   * Ingests {@code day} of the trail at {@code input} into a fresh warehouse; returns events
   * written.
   */
  public long ingest(Path input, Path warehouse, LocalDate day) {
    return ingest(input, warehouse, new DateRange(day, day));
  }

  /** Ingests the days of {@code range}; returns events written. */
  public long ingest(Path input, Path warehouse, DateRange range) {
    return ingest(input, warehouse, range, EventsWriter.Kind.TRAILHOUSE);
  }

  /** Ingests the days of {@code range} with data files written by {@code writer}. */
  public long ingest(Path input, Path warehouse, DateRange range, EventsWriter.Kind writer) {
    Config c = config(input, warehouse);
    IngestSummary s =
        new Ingest(spark, c, Clock.systemUTC(), writer)
            .run(range, Ingest.Mode.NEW_FILES, "bench-" + System.nanoTime(), "bench");
    if (!"succeeded".equals(s.status())) {
      throw new IllegalStateException("Benchmark ingest failed: " + s.line());
    }
    return s.written();
  }

  /**
   * Runs ingest twice, the baseline once and the reports once on the warm-up trail, so that no
   * phase pays the JVM's warm-up.
   */
  public void warmUp(BenchTrails trails) {
    ingest(trails.warmUp(), trails.warmUp().resolveSibling("warmup-wh1"), trails.day());
    Path warehouse = trails.warmUp().resolveSibling("warmup-wh2");
    ingest(trails.warmUp(), warehouse, trails.day());
    ingest(
        trails.warmUp(),
        trails.warmUp().resolveSibling("warmup-parquet-mr"),
        new DateRange(trails.day(), trails.day()),
        EventsWriter.Kind.PARQUET_MR);
    naive(trails.warmUpFiles(), trails.warmUp().resolveSibling("warmup-naive"));
    explicit(trails.warmUpFiles(), trails.warmUp().resolveSibling("warmup-explicit"));
    reports(warehouse, trails.day(), 0);
  }

  public static Config config(Path input, Path warehouse) {
    return ConfigLoader.load(
        null,
        List.of(
            "input=" + input,
            "warehouse=" + warehouse,
            "reports=" + warehouse.resolveSibling(warehouse.getFileName() + "-reports"),
            "lateness_days=0"));
  }

  public long naive(List<Path> files, Path table) {
    return NaiveIngest.run(spark, uris(files), table.toUri().toString());
  }

  public long explicit(List<Path> files, Path table) {
    return ExplicitSchemaIngest.run(spark, uris(files), table.toUri().toString());
  }

  private static List<String> uris(List<Path> files) {
    List<String> uris = new ArrayList<>();
    for (Path f : files) {
      uris.add(f.toUri().toString());
    }
    return uris;
  }

  /** The figures as printed lines. */
  public List<String> report(int cores, long maxHeap) {
    List<String> out = new ArrayList<>();
    out.add(
        String.format(
            "%-34s %10s %12s %12s",
            "phase (best of its runs)", "wall s", "events/s", "peak heap MB"));
    for (Phase p : phases.values()) {
      out.add(
          String.format(
              "%-34s %10.2f %12.0f %12d", p.name(), p.seconds(), p.rate(), p.peakHeap() >> 20));
    }
    Phase ingest = phases.get("ingest");
    Phase naive = phases.get("naive");
    Phase explicit = phases.get("explicit schema");
    Phase floor = phases.get("floor");
    Phase report = phases.get("reports");
    Phase oneDay = phases.get("ingest (1 day folder present)");
    if (ingest != null && naive != null) {
      out.add(
          String.format("ingest/naive speed: %.2fx (target >= 6x)", ingest.rate() / naive.rate()));
    }
    if (ingest != null && explicit != null) {
      out.add(
          String.format(
              "ingest/explicit-schema speed: %.2fx (target >= 5x)",
              ingest.rate() / explicit.rate()));
    }
    if (ingest != null && floor != null) {
      out.add(
          String.format(
              "ingest/floor time:  %.2fx (target <= 4x)", ingest.seconds() / floor.seconds()));
    }
    if (ingest != null && report != null) {
      out.add(
          String.format(
              "reports/ingest time: %.2fx (target < 1x)", report.seconds() / ingest.seconds()));
    }
    Phase library = phases.get(LIBRARY_WRITER);
    if (ingest != null && library != null) {
      out.add(
          String.format(
              "parquet-mr writer / Trailhouse encoder ingest time: %.2fx (switch to the library at <= 1.15x)",
              library.seconds() / ingest.seconds()));
    }
    if (ingest != null && oneDay != null) {
      out.add(
          String.format(
              "365 folders / 1 folder ingest time: %.2fx (target <= 1.2x)",
              ingest.seconds() / oneDay.seconds()));
    }
    out.add(
        String.format(
            "cores=%d max heap=%d MB java=%s",
            cores, maxHeap >> 20, System.getProperty("java.version")));
    return out;
  }
}

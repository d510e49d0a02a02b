package dev.trailhouse.cli;

import dev.trailhouse.bench.Bench;
import dev.trailhouse.bench.BenchTrails;
import dev.trailhouse.bench.Growth;
import dev.trailhouse.config.DateRange;
import dev.trailhouse.config.Errors;
import dev.trailhouse.generate.Mix;
import dev.trailhouse.write.parquet.EventsWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/** {@code trailhouse bench}: the performance figures of the README, measured on this machine. */
final class BenchCommand implements Command {
  private static final Set<String> VALUES =
      Set.of(
          "--events",
          "--dir",
          "--mix",
          "--history-days",
          "--rounds",
          "--instance",
          "--instance-vcpus",
          "--price-per-hour",
          "--price-date");
  private static final Set<String> FLAGS = Set.of("--keep", "--growth", "--cold");

  @Override
  public String name() {
    return "bench";
  }

  @Override
  public String summary() {
    return "time ingest against the naive spark.read.json baseline and the gunzip+parse floor";
  }

  @Override
  public String help() {
    return "Usage: trailhouse bench [--events N] [--mix stress|realistic] [--growth | --cold] [--keep] [--dir DIR]\n\n"
        + "Generates a one-day trail of N events (default 1,000,000, about 1 GB of JSON in ~1,000 gzipped files) plus\n"
        + "364 other day folders, then times in one Spark session: Trailhouse ingest, the naive baseline\n"
        + "(spark.read.json with schema inference), the explicit-schema baseline (Spark's JSON reader with the trail's\n"
        + "schema given, Delta's own writer), the floor (gunzip + Jackson token pass, one thread per core,\n"
        + "nothing written), the day's reports, ingest with only that day's folder present, and ingest with its\n"
        + "data files written by parquet-mr's column writers instead of Trailhouse's encoder. Prints wall\n"
        + "seconds, events/s, the ratios and each phase's peak heap. Run it with the heap you want to prove,\n"
        + "e.g. TRAILHOUSE_JAVA_OPTS=-Xmx1g jobs/bin/trailhouse bench. Never part of the test suite's timing.\n\n"
        + "  --events N          events in the day (default 1000000)\n"
        + "  --mix MIX           stress (default: about a third of the events are changes) or realistic\n"
        + "                      (reads, sign-ins, contact operations and service events, 2.8% changes)\n"
        + "  --growth            instead of the comparison: ingest of N, 2N and 4N-event days (time per event,\n"
        + "                      peak heap), one day's ingest and reports into a table holding --history-days\n"
        + "                      days of N events against an empty one, ingest core-seconds per million events\n"
        + "  --history-days D    days already in the table for --growth (default 30)\n"
        + "  --cold              instead of the comparison: ingest, both baselines and the floor, each as its\n"
        + "                      own process (as spark-submit runs them), into tables that already exist;\n"
        + "                      whole-process times and the cold ingest's fixed costs by step\n"
        + "  --rounds R          with --cold: rounds of the four processes, each phase keeps its best (default 2)\n"
        + "  --instance TYPE --instance-vcpus N --price-per-hour USD --price-date DATE\n"
        + "                      with --growth: the EMR cost of a day of N events at the price you looked up\n"
        + "  --dir DIR           where to generate (default: a temporary folder)\n"
        + "  --keep              keep the generated trails and tables\n";
  }

  private static int whole(Args args, String flag, String otherwise) {
    try {
      int n = Integer.parseInt(args.value(flag).orElse(otherwise));
      if (n < 1) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw Errors.usage(
          flag + " must be a whole number of at least 1, e.g. " + flag + " " + otherwise + ".");
    }
  }

  /** The user's instance and list price for the cost line: all four flags, or none. */
  private static Growth.Price price(Args args) {
    List<String> flags =
        List.of("--instance", "--instance-vcpus", "--price-per-hour", "--price-date");
    long given = flags.stream().filter(f -> args.value(f).isPresent()).count();
    if (given == 0) {
      return null;
    }
    if (given < flags.size()) {
      throw Errors.usage(
          "The cost line needs all of --instance, --instance-vcpus, --price-per-hour and --price-date,"
              + " e.g. --instance m5.xlarge --instance-vcpus 4 --price-per-hour 0.192 --price-date 2026-12-01 (your own"
              + " looked-up price).");
    }
    double usd;
    try {
      usd = Double.parseDouble(args.value("--price-per-hour").get());
    } catch (NumberFormatException e) {
      throw Errors.usage(
          "--price-per-hour must be a number of US dollars, e.g. --price-per-hour 0.192.");
    }
    return new Growth.Price(
        args.value("--instance").get(),
        whole(args, "--instance-vcpus", "4"),
        usd,
        args.value("--price-date").get());
  }

  @Override
  public Set<String> options() {
    return Args.union(VALUES, FLAGS);
  }

  @Override
  public int run(String[] argv) {
    Args args = Args.parse(name(), argv, VALUES, FLAGS);
    long events;
    try {
      events = Long.parseLong(args.value("--events").orElse("1000000"));
    } catch (NumberFormatException e) {
      throw Errors.usage("--events must be a whole number, e.g. --events 1000000.");
    }
    if (events < 5000) {
      throw Errors.usage(
          "--events must be at least 5000 (the smallest day the benchmark's trails are made for), e.g. --events"
              + " 1000000.");
    }
    Mix mix = Mix.parse(args.value("--mix").orElse("stress"));
    if (mix == null) {
      throw Errors.usage("--mix must be realistic or stress, e.g. --mix realistic.");
    }
    Growth.Price price = price(args);
    int historyDays = whole(args, "--history-days", "30");
    int rounds = whole(args, "--rounds", "2");
    if (args.has("--cold") && args.has("--growth")) {
      throw Errors.usage("--cold and --growth are separate runs: give one of them.");
    }
    if (args.value("--rounds").isPresent() && !args.has("--cold")) {
      throw Errors.usage(
          "--rounds counts the rounds of --cold: add --cold, or leave --rounds out.");
    }
    Path dir;
    try {
      dir = args.value("--dir").map(Path::of).orElse(Files.createTempDirectory("trailhouse-bench"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long genStart = System.nanoTime();
    BenchTrails trails = BenchTrails.create(dir, events, mix);
    System.out.printf(
        "generated %d events of %s (%s mix) in %s (%.1fs)%n",
        trails.dayEvents(),
        trails.day(),
        mix.name().toLowerCase(java.util.Locale.ROOT),
        dir,
        (System.nanoTime() - genStart) / 1e9);
    if (args.has("--cold")) {
      ColdBench cold = new ColdBench(trails, dir);
      cold.run(rounds);
      cold.report().forEach(System.out::println);
      if (!args.has("--keep")) {
        trails.delete();
      }
      return 0;
    }
    SparkSession spark =
        Sessions.create(
            dev.trailhouse.config.ConfigLoader.load(
                null, List.of("input=" + dir, "warehouse=" + dir)),
            name());
    LocalDate day = trails.day();
    Bench bench = new Bench(spark);
    System.out.println("warming up ...");
    bench.warmUp(trails);
    long dayEvents = trails.dayEvents();
    int cores = spark.sparkContext().defaultParallelism();
    if (args.has("--growth")) {
      Growth growth = new Growth(bench, dir, events, historyDays);
      growth.run();
      for (String line : bench.report(cores, Runtime.getRuntime().maxMemory())) {
        System.out.println(line);
      }
      for (String line : growth.report(cores, price)) {
        System.out.println(line);
      }
      if (!args.has("--keep")) {
        trails.delete();
      }
      return 0;
    }
    trails.floor(cores); // the floor's warm-up: its first pass pays the JIT like any other phase
    // Interleaved and repeated: each phase keeps its best run, so JIT and page-cache effects cancel
    // out.
    // The two ingests swap places in the second round: a run straight after the floor measured
    // 20-30% slower than the same run after the baseline, whichever trail it read.
    for (int round = 1; round <= 2; round++) {
      String n = String.valueOf(round);
      Path w = dir.resolve("wh-ingest-" + n);
      Runnable full = () -> bench.time("ingest", () -> bench.ingest(trails.full(), w, day));
      Runnable oneDay =
          () ->
              bench.time(
                  "ingest (1 day folder present)",
                  () -> bench.ingest(trails.oneDay(), dir.resolve("wh-oneday-" + n), day));
      bench.time("floor", () -> trails.floor(cores));
      (round == 1 ? full : oneDay).run();
      bench.time("naive", () -> bench.naive(trails.dayFiles(), dir.resolve("wh-naive-" + n)));
      bench.time(
          "explicit schema",
          () -> bench.explicit(trails.dayFiles(), dir.resolve("wh-explicit-" + n)));
      bench.time(
          Bench.LIBRARY_WRITER,
          () ->
              bench.ingest(
                  trails.full(),
                  dir.resolve("wh-parquet-mr-" + n),
                  new DateRange(day, day),
                  EventsWriter.Kind.PARQUET_MR));
      (round == 1 ? oneDay : full).run();
      bench.time("reports", () -> bench.reports(w, day, dayEvents));
    }
    for (String line :
        bench.report(spark.sparkContext().defaultParallelism(), Runtime.getRuntime().maxMemory())) {
      System.out.println(line);
    }
    if (!args.has("--keep")) {
      trails.delete();
    }
    return 0;
  }
}

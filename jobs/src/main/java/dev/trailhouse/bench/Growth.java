package dev.trailhouse.bench;

import dev.trailhouse.config.DateRange;
import dev.trailhouse.generate.GeneratorSpec;
import dev.trailhouse.generate.Mix;
import dev.trailhouse.generate.TrailGenerator;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bench --growth}: how the cost grows. Ingest of days of N, 2N and 4N events (time per
 * event, peak heap); one day's ingest and reports into a table already holding {@code historyDays}
 * days of N events against into an empty table; core-seconds per million events; and, where the
 * user gives an instance's vCPUs and hourly price, what a day of N events costs on it.
 */
public final class Growth {
  /** An instance and its price, all given by the user: nothing here is a looked-up price. */
  public record Price(String instance, int vcpus, double usdPerHour, String date) {}

  private final Bench bench;
  private final Path dir;
  private final long events;
  private final int historyDays;

  public Growth(Bench bench, Path dir, long events, int historyDays) {
    this.bench = bench;
    this.dir = dir;
    this.events = events;
    this.historyDays = historyDays;
  }

  private static GeneratorSpec days(long seed, LocalDate first, int days, long perDay) {
    return new GeneratorSpec(
        seed,
        first,
        days,
        null,
        "123456789012",
        List.of(),
        List.of("us-east-1"),
        Math.toIntExact(perDay),
        1000,
        0.01,
        0.0,
        false,
        0,
        "trailhouse-bench",
        Mix.STRESS);
  }

  /** Runs every phase; the figures are in the bench's phases. */
  public void run() {
    LocalDate day = BenchTrails.DAY;
    for (int m : new int[] {1, 2, 4}) {
      Path trail = dir.resolve("growth-" + m + "x");
      TrailGenerator.generate(days(30 + m, day, 1, events * m), trail);
      bench.time(sizeName(m), () -> bench.ingest(trail, dir.resolve("wh-growth-" + m + "x"), day));
    }
    Path history = dir.resolve("growth-history");
    Path full = dir.resolve("wh-history");
    LocalDate first = day.minusDays(historyDays);
    // A day at a time, generated and ingested as a user's daily runs would: one generator call for
    // all the days holds every event id of the history at once (31M at N = 1M: out of a 1 GB heap).
    for (int k = 0; k <= historyDays; k++) {
      LocalDate d = first.plusDays(k);
      TrailGenerator.generate(days(40 + k, d, 1, events), history);
      if (d.isBefore(day)) {
        bench.ingest(history, full, new DateRange(d, d));
      }
    }
    Path empty = dir.resolve("wh-history-empty");
    bench.time("ingest (empty table)", () -> bench.ingest(history, empty, day));
    bench.time(
        "ingest (" + historyDays + " days in table)", () -> bench.ingest(history, full, day));
    bench.time("reports (empty table)", () -> bench.reports(empty, day, events));
    bench.time(
        "reports (" + historyDays + " days in table)", () -> bench.reports(full, day, events));
  }

  private String sizeName(int m) {
    return "ingest of " + events * m + " events";
  }

  /** The growth lines: per-event time against the N-event day, history against empty, cost. */
  public List<String> report(int cores, Price price) {
    List<String> out = new ArrayList<>();
    Bench.Phase one = bench.phases().get(sizeName(1));
    for (int m : new int[] {1, 2, 4}) {
      Bench.Phase p = bench.phases().get(sizeName(m));
      out.add(
          String.format(
              "%dx day: %.3f us/event, %.2fx the 1x day's time per event (target <= 1.10x), peak heap %d MB",
              m,
              p.seconds() / p.events() * 1e6,
              (p.seconds() / p.events()) / (one.seconds() / one.events()),
              p.peakHeap() >> 20));
    }
    for (String what : new String[] {"ingest", "reports"}) {
      Bench.Phase e = bench.phases().get(what + " (empty table)");
      Bench.Phase h = bench.phases().get(what + " (" + historyDays + " days in table)");
      out.add(
          String.format(
              "%s with %d days in table / empty table: %.2fx (target <= 1.2x)",
              what, historyDays, h.seconds() / e.seconds()));
    }
    double coreSecondsPerMillion = coreSecondsPerMillion(one.seconds(), one.events(), cores);
    out.add(
        String.format(
            "ingest core-seconds per million events: %.1f (%d cores)",
            coreSecondsPerMillion, cores));
    out.add(costLine(coreSecondsPerMillion, events, price));
    return out;
  }

  static double coreSecondsPerMillion(double seconds, long events, int cores) {
    return seconds * cores / (events / 1e6);
  }

  /**
   * The instance-hours a day of {@code events} takes at this host's core speed, times the user's
   * price; without a price, what to pass.
   */
  static String costLine(double coreSecondsPerMillion, long events, Price price) {
    if (price == null) {
      return "EMR cost: not computed; pass --instance TYPE --instance-vcpus N --price-per-hour USD --price-date DATE"
          + " (the list price you looked up, and when)";
    }
    double hours = coreSecondsPerMillion * (events / 1e6) / price.vcpus() / 3600;
    return String.format(
        "EMR cost of a day of %d events on %s (%d vCPUs, $%.4f/h as given for %s): $%.6f"
            + " (ingest only, this host's core speed, no cluster start or EMR fee)",
        events,
        price.instance(),
        price.vcpus(),
        price.usdPerHour(),
        price.date(),
        hours * price.usdPerHour());
  }
}

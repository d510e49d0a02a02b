package dev.trailhouse.cli;

import dev.trailhouse.config.Config;
import dev.trailhouse.config.ConfigKey;
import dev.trailhouse.config.ConfigLoader;
import dev.trailhouse.config.DateRange;
import dev.trailhouse.config.Errors;
import dev.trailhouse.report.ReportJob;
import dev.trailhouse.verify.Verdicts;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import org.apache.spark.sql.SparkSession;

/** {@code trailhouse report}: the daily access and change reports, tables and files. */
final class ReportCommand implements Command {
  private static final Set<String> VALUES = Set.of("--date", "--from", "--to");
  private static final Set<String> FLAGS = Set.of();

  @Override
  public String name() {
    return "report";
  }

  @Override
  public String summary() {
    return "build access_daily, changes_daily, findings and <reports>/<date>/ files for one day or a range";
  }

  @Override
  public String help() {
    return "Usage: trailhouse report (--date YYYY-MM-DD | --from YYYY-MM-DD --to YYYY-MM-DD) [--conf FILE] [--set key=value]...\n\n"
        + "For each day, from the events of "
        + ConfigKey.REPORT_SOURCES.key()
        + ": replaces that day's rows of access_daily, changes_daily and\n"
        + "findings (the detection rules: built-in and findings.rules_file) and writes <reports>/<date>/access.csv,\n"
        + "changes.csv, findings.csv, access.jsonl, changes.jsonl, findings.jsonl and report.html.\n"
        + "Re-running a day gives identical rows and files; other days are untouched.\n\n"
        + "  --date              one day (UTC)\n"
        + "  --from, --to        a range of days, for a backfill\n"
        + CommonOptions.HELP;
  }

  @Override
  public Set<String> options() {
    return Args.union(VALUES, FLAGS);
  }

  @Override
  public int run(String[] argv) {
    Args args = Args.parse(name(), argv, VALUES, FLAGS);
    DateRange range;
    if (args.has("--date")) {
      if (args.has("--from") || args.has("--to")) {
        throw Errors.usage("Give either --date or --from/--to to 'trailhouse report', not both.");
      }
      LocalDate d = DateRange.date("--date", args.value("--date").get());
      range = new DateRange(d, d);
    } else if (args.has("--from") || args.has("--to")) {
      range =
          DateRange.parse(
              args.required("--from", "--from 2025-03-24"),
              args.required("--to", "--to 2025-03-26"));
    } else {
      throw Errors.missingOption(name(), "--date or --from/--to", "--date 2025-03-24");
    }
    Config config = CommonOptions.config(args);
    config.requireReports();
    long start = System.nanoTime();
    SparkSession spark = Sessions.create(config, name());
    // The detection rules compile here, before the run is recorded: a broken rule writes nothing.
    ReportJob job = new ReportJob(spark, config);
    String arguments = name() + " " + String.join(" ", ConfigLoader.maskArgs(Arrays.asList(argv)));
    return RunLedger.run(
        spark,
        config,
        name(),
        UUID.randomUUID().toString(),
        arguments,
        () -> new RunLedger.Ending(report(job, spark, config, range, start), null));
  }

  private static int report(
      ReportJob job, SparkSession spark, Config config, DateRange range, long start) {
    long access = 0;
    long changes = 0;
    long findings = 0;
    for (LocalDate day : range.days()) {
      ReportJob.DayResult r = job.run(day, Verdicts.forReport(spark, config, day));
      access += r.accessRows();
      changes += r.changeRows();
      findings += r.findings();
    }
    Catalog.register(spark, config);
    System.out.printf(
        "trailhouse report %s..%s succeeded: days=%d access_daily rows=%d changes_daily rows=%d findings=%d files=%d in %s | %.1fs%n",
        range.from(),
        range.to(),
        range.days().size(),
        access,
        changes,
        findings,
        range.days().size() * ReportJob.FILES.size(),
        config.reports(),
        (System.nanoTime() - start) / 1e9);
    return 0;
  }
}

package dev.trailhouse.cli;

import dev.trailhouse.config.Config;
import dev.trailhouse.config.ConfigKey;
import dev.trailhouse.config.ConfigLoader;
import dev.trailhouse.config.DateRange;
import dev.trailhouse.ingest.Ingest;
import dev.trailhouse.write.IngestSummary;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import org.apache.spark.sql.SparkSession;

/** {@code trailhouse ingest}: a trail prefix into the events, rejects and manifest tables. */
final class IngestCommand implements Command {
  private static final Set<String> VALUES = Set.of("--from", "--to");
  private static final Set<String> FLAGS = Set.of("--reprocess");

  @Override
  public String name() {
    return "ingest";
  }

  @Override
  public String summary() {
    return "read the trail's day folders into the Delta tables, exactly once";
  }

  @Override
  public String help() {
    return "Usage: trailhouse ingest --from YYYY-MM-DD --to YYYY-MM-DD [--reprocess] [--conf FILE] [--set key=value]...\n\n"
        + "Lists the delivery day folders --from..--to (plus "
        + ConfigKey.LATENESS_DAYS.key()
        + " later ones) for every account and\n"
        + "region under '"
        + ConfigKey.INPUT.key()
        + "', reads the files not ingested yet, and adds one row per\n"
        + "eventID not yet in <warehouse>/events, committing the run's rows in one Delta transaction of its own\n"
        + "writer. Unreadable files and records go to <warehouse>/rejects.\n\n"
        + "  --from, --to        first and last delivery day (UTC)\n"
        + "  --reprocess         read files again even if the manifest has them (rows are still added once)\n"
        + CommonOptions.HELP;
  }

  @Override
  public Set<String> options() {
    return Args.union(VALUES, FLAGS);
  }

  @Override
  public int run(String[] argv) {
    Args args = Args.parse(name(), argv, VALUES, FLAGS);
    DateRange range =
        DateRange.parse(
            args.required("--from", "--from 2025-03-24"), args.required("--to", "--to 2025-03-24"));
    Config config = CommonOptions.config(args);
    String runId = UUID.randomUUID().toString();
    String arguments = "ingest " + String.join(" ", ConfigLoader.maskArgs(Arrays.asList(argv)));
    SparkSession spark = Sessions.create(config, name());
    Ingest.Mode mode = args.has("--reprocess") ? Ingest.Mode.REPROCESS : Ingest.Mode.NEW_FILES;
    return RunLedger.run(
        spark,
        config,
        name(),
        runId,
        arguments,
        () -> {
          IngestSummary summary =
              new Ingest(spark, config, Clock.systemUTC()).run(range, mode, runId, arguments);
          Catalog.register(spark, config);
          System.out.println(summary.line());
          boolean ok = "succeeded".equals(summary.status());
          return new RunLedger.Ending(ok ? 0 : 1, ok ? null : summary.message());
        });
  }
}

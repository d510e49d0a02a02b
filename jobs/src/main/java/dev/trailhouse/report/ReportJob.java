package dev.trailhouse.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.trailhouse.config.Config;
import dev.trailhouse.config.Errors;
import dev.trailhouse.findings.Findings;
import dev.trailhouse.findings.FindingsTable;
import dev.trailhouse.findings.Rule;
import dev.trailhouse.findings.RuleSet;
import dev.trailhouse.table.EventsTable;
import dev.trailhouse.write.DeltaTables;
import io.delta.tables.DeltaTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one day's reports: access_daily and changes_daily (that day's partition replaced exactly)
 * and the files under {@code <reports>/<date>/}.
 */
public final class ReportJob {
  private static final Logger LOG = LoggerFactory.getLogger(ReportJob.class);
  public static final List<String> FILES =
      List.of(
          "access.csv",
          "changes.csv",
          "findings.csv",
          "access.jsonl",
          "changes.jsonl",
          "findings.jsonl",
          "report.html");

  /** What one day's report run produced. */
  public record DayResult(LocalDate day, long accessRows, long changeRows, long findings) {}

  private final SparkSession spark;
  private final Config config;
  private final List<Rule> rules;

  /**
   * Loads and checks the detection rules: a rule that does not compile fails here, before any day
   * (exit 2).
   */
  public ReportJob(SparkSession spark, Config config) {
    this.spark = spark;
    this.config = config;
    this.rules = RuleSet.load(spark, config);
    LOG.info("Detection rules: {}", rules.stream().map(Rule::id).toList());
  }

  /** The event sources the reports cover, from the short names in report.sources. */
  public List<String> sources() {
    List<String> out = new ArrayList<>();
    for (String s : config.reportSources()) {
      out.add(s.contains(".") ? s : s + ".amazonaws.com");
    }
    return out;
  }

  /**
   * access_daily's collect_set aggregates: a task keeps up to this many groups (actor and API) in
   * its hash map before falling back to sorting; Spark's default, 128, sorts for any real day (2-3x
   * slower). The sets live on the executor heap outside Spark's memory accounting, hence a bound.
   */
  static final String HASH_AGG_GROUPS = "spark.sql.objectHashAggregate.sortBased.fallbackThreshold";

  static final String HASH_AGG_GROUPS_VALUE = "2048";

  public DayResult run(LocalDate day, String verdict) {
    // Only for this report, and only when the user has not set it.
    boolean setHere = !spark.conf().contains(HASH_AGG_GROUPS);
    if (setHere) {
      spark.conf().set(HASH_AGG_GROUPS, HASH_AGG_GROUPS_VALUE);
    }
    try {
      return runDay(day, verdict);
    } finally {
      if (setHere) {
        spark.conf().unset(HASH_AGG_GROUPS);
      }
    }
  }

  private DayResult runDay(LocalDate day, String verdict) {
    long start = System.nanoTime();
    String eventsPath = config.table(EventsTable.NAME);
    if (!DeltaTable.isDeltaTable(spark, eventsPath)) {
      throw Errors.tableMissing(EventsTable.NAME, eventsPath, "ingest");
    }
    String reports = config.requireReports();
    // One snapshot for every read of this report, even while an ingest commits beside it.
    long version = DeltaTable.forPath(spark, eventsPath).history(1).first().<Long>getAs("version");
    Dataset<Row> events =
        spark
            .read()
            .format("delta")
            .option("versionAsOf", version)
            .load(eventsPath)
            .where(
                col(EventsTable.EVENT_DATE)
                    .between(lit(day.minusDays(config.baselineDays())), lit(day)))
            .where(col(EventsTable.EVENT_SOURCE).isin(sources().toArray()));
    Dataset<Row> access =
        AccessReport.build(events, day, config.baselineDays(), config.maxUserAgents());
    Dataset<Row> changes = ChangeReport.build(spark, events, day);
    LOG.info("Report {}: planned ({} ms)", day, ms(start));
    replaceDay(AccessDailyTable.NAME, AccessDailyTable.SCHEMA, java.util.Map.of(), access, day);
    LOG.info("Report {}: access_daily written ({} ms)", day, ms(start));
    replaceDay(
        ChangesDailyTable.NAME,
        ChangesDailyTable.SCHEMA,
        ChangesDailyTable.PROPERTIES,
        changes,
        day);
    LOG.info("Report {}: changes_daily written ({} ms)", day, ms(start));
    replaceDay(
        FindingsTable.NAME,
        FindingsTable.SCHEMA,
        java.util.Map.of(),
        Findings.build(
            events,
            day,
            config.baselineDays(),
            rules,
            new Findings.Allowlist(config.findingsAllowActors(), config.findingsAllowIps())),
        day);
    LOG.info("Report {}: findings written ({} ms)", day, ms(start));
    // Files and figures come from the rows as committed. access_daily's day is small (one row per
    // actor and API) and used by several figures: kept in memory (spilling to disk) meanwhile.
    Dataset<Row> accessDay =
        day(AccessDailyTable.NAME, day)
            .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> changesDay = day(ChangesDailyTable.NAME, day);
    String dir = reports + "/" + day;
    long accessRows =
        ReportFiles.writeCsvAndJsonl(
            spark,
            dir,
            "access",
            AccessDailyTable.SCHEMA,
            accessDay.orderBy("actor", "event_source", "event_name"));
    long changeRows =
        ReportFiles.writeCsvAndJsonlByTime(
            spark,
            dir,
            "changes",
            ChangesDailyTable.SCHEMA,
            changesDay,
            day,
            "event_time",
            "event_id");
    Dataset<Row> findingsDay = day(FindingsTable.NAME, day);
    long findings =
        ReportFiles.writeCsvAndJsonl(
            spark, dir, "findings", FindingsTable.SCHEMA, findingsDay.orderBy(Findings.order()));
    LOG.info(
        "Report {}: {} access rows, {} changes and {} findings written as CSV and JSON lines ({} ms)",
        day,
        accessRows,
        changeRows,
        findings,
        ms(start));
    try {
      ReportModel model =
          ReportFigures.model(
              day,
              accessDay,
              changesDay,
              events.where(col(EventsTable.EVENT_DATE).equalTo(lit(day))),
              findingsDay,
              verdict);
      ReportFiles.write(
          spark.sessionState().newHadoopConf(), dir, "report.html", HtmlReport.render(model));
    } finally {
      accessDay.unpersist();
    }
    LOG.info(
        "Report {} (events version {}): {} access rows, {} changes, {} findings, files in {}",
        day,
        version,
        accessRows,
        changeRows,
        findings,
        dir);
    return new DayResult(day, accessRows, changeRows, findings);
  }

  private static long ms(long since) {
    return (System.nanoTime() - since) / 1_000_000;
  }

  private Dataset<Row> day(String table, LocalDate day) {
    return spark
        .read()
        .format("delta")
        .load(config.table(table))
        .where(col("report_date").equalTo(lit(day)));
  }

  private void replaceDay(
      String table,
      org.apache.spark.sql.types.StructType schema,
      java.util.Map<String, String> properties,
      Dataset<Row> rows,
      LocalDate day) {
    String path = config.table(table);
    DeltaTables.ensure(spark, path, schema, properties, "report_date");
    DeltaTables.overwritePartition(
        spark, path, rows.selectExpr(schema.fieldNames()), "report_date = DATE'" + day + "'");
  }
}

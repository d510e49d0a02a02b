package dev.trailhouse.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.lit;

import dev.trailhouse.config.Config;
import dev.trailhouse.config.Errors;
import dev.trailhouse.write.DeltaTables;
import dev.trailhouse.write.EventsTable;
import io.delta.tables.DeltaTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
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
  public static final List<String> FILES = List.of("access.csv", "changes.csv", "access.jsonl", "changes.jsonl", "report.html");

  /** What one day's report run produced. */
  public record DayResult(LocalDate day, long accessRows, long changeRows) {}

  private final SparkSession spark;
  private final Config config;

  public ReportJob(SparkSession spark, Config config) {
    this.spark = spark;
    this.config = config;
  }

  /** The event sources the reports cover, from the short names in report.sources. */
  public List<String> sources() {
    List<String> out = new ArrayList<>();
    for (String s : config.reportSources()) {
      out.add(s.contains(".") ? s : s + ".amazonaws.com");
    }
    return out;
  }

  public DayResult run(LocalDate day, String verdict) {
    String eventsPath = config.table(EventsTable.NAME);
    if (!DeltaTable.isDeltaTable(spark, eventsPath)) {
      throw Errors.tableMissing(EventsTable.NAME, eventsPath, "ingest");
    }
    String reports = config.requireReports();
    // One snapshot for every read of this report, even while an ingest commits beside it.
    long version = DeltaTable.forPath(spark, eventsPath).history(1).first().<Long>getAs("version");
    Dataset<Row> events = spark.read().format("delta").option("versionAsOf", version).load(eventsPath)
        .where(col(EventsTable.EVENT_DATE).between(lit(day.minusDays(config.baselineDays())), lit(day)))
        .where(col(EventsTable.EVENT_SOURCE).isin(sources().toArray()));
    Dataset<Row> access = AccessReport.build(events, day, config.baselineDays(), config.maxUserAgents());
    Dataset<Row> changes = ChangeReport.build(spark, events, day);
    replaceDay(AccessDailyTable.NAME, AccessDailyTable.SCHEMA, access, day);
    replaceDay(ChangesDailyTable.NAME, ChangesDailyTable.SCHEMA, changes, day);
    // The day's rows are read and sorted once, kept (memory, spilling to disk) while the files and
    // figures are made from them, then released.
    Dataset<Row> accessDay = day(AccessDailyTable.NAME, day).orderBy("actor", "event_source", "event_name")
        .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> changesDay = day(ChangesDailyTable.NAME, day).orderBy("event_time", "event_id")
        .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    long[] perHour = new long[24];
    for (Row r : events.where(col(EventsTable.EVENT_DATE).equalTo(lit(day))).groupBy(hour(col(EventsTable.EVENT_TIME)))
        .count().collectAsList()) {
      perHour[r.getInt(0)] = r.getLong(1);
    }
    String dir = reports + "/" + day;
    Configuration conf = spark.sessionState().newHadoopConf();
    ReportFiles.writeCsv(conf, dir, "access.csv", AccessDailyTable.SCHEMA, accessDay.toLocalIterator());
    ReportFiles.writeCsv(conf, dir, "changes.csv", ChangesDailyTable.SCHEMA, changesDay.toLocalIterator());
    ReportFiles.writeJsonl(conf, dir, "access.jsonl", accessDay.toLocalIterator());
    ReportFiles.writeJsonl(conf, dir, "changes.jsonl", changesDay.toLocalIterator());
    ReportModel model = ReportFigures.model(day, accessDay, changesDay, perHour, verdict);
    ReportFiles.write(conf, dir, "report.html", HtmlReport.render(model));
    long accessRows = accessDay.count();
    accessDay.unpersist();
    changesDay.unpersist();
    long changeRows = model.headline().get("changes");
    LOG.info("Report {} (events version {}): {} access rows, {} changes, files in {}", day, version, accessRows, changeRows, dir);
    return new DayResult(day, accessRows, changeRows);
  }

  private Dataset<Row> day(String table, LocalDate day) {
    return spark.read().format("delta").load(config.table(table)).where(col("report_date").equalTo(lit(day)));
  }

  private void replaceDay(String table, org.apache.spark.sql.types.StructType schema, Dataset<Row> rows, LocalDate day) {
    String path = config.table(table);
    DeltaTables.ensure(spark, path, schema, "report_date");
    DeltaTables.overwritePartition(spark, path, rows.selectExpr(schema.fieldNames()),
        "report_date = DATE'" + day + "'");
  }

}

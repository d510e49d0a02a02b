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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
    List<Row> accessRows = readDay(AccessDailyTable.NAME, day, "actor", "event_source", "event_name");
    List<Row> changeRows = readDay(ChangesDailyTable.NAME, day, "event_time", "event_id");
    long[] perHour = new long[24];
    for (Row r : events.where(col(EventsTable.EVENT_DATE).equalTo(lit(day))).groupBy(hour(col(EventsTable.EVENT_TIME)))
        .count().collectAsList()) {
      perHour[r.getInt(0)] = r.getLong(1);
    }
    String dir = reports + "/" + day;
    Configuration conf = spark.sessionState().newHadoopConf();
    ReportFiles.write(conf, dir, "access.csv", ReportFiles.csv(AccessDailyTable.SCHEMA, accessRows));
    ReportFiles.write(conf, dir, "changes.csv", ReportFiles.csv(ChangesDailyTable.SCHEMA, changeRows));
    ReportFiles.write(conf, dir, "access.jsonl", ReportFiles.jsonl(accessRows));
    ReportFiles.write(conf, dir, "changes.jsonl", ReportFiles.jsonl(changeRows));
    ReportFiles.write(conf, dir, "report.html", HtmlReport.render(model(day, accessRows, changeRows, perHour, verdict)));
    LOG.info("Report {} (events version {}): {} access rows, {} changes, files in {}", day, version, accessRows.size(),
        changeRows.size(), dir);
    return new DayResult(day, accessRows.size(), changeRows.size());
  }

  private void replaceDay(String table, org.apache.spark.sql.types.StructType schema, Dataset<Row> rows, LocalDate day) {
    String path = config.table(table);
    DeltaTables.ensure(spark, path, schema, "report_date");
    DeltaTables.overwritePartition(spark, path, rows.select(schema.fieldNames()[0], java.util.Arrays.copyOfRange(schema.fieldNames(), 1, schema.size())),
        "report_date = DATE'" + day + "'");
  }

  private List<Row> readDay(String table, LocalDate day, String... order) {
    return spark.read().format("delta").load(config.table(table)).where(col("report_date").equalTo(lit(day)))
        .orderBy(order[0], java.util.Arrays.copyOfRange(order, 1, order.length)).collectAsList();
  }

  /** The figures and tables of report.html, from the day's rows. */
  static ReportModel model(LocalDate day, List<Row> access, List<Row> changes, long[] perHour, String verdict) {
    long calls = 0;
    long errors = 0;
    long denied = 0;
    long signIns = 0;
    Map<String, Long> byActor = new TreeMap<>();
    java.util.Set<String> actors = new java.util.TreeSet<>();
    java.util.Set<String> newActors = new java.util.TreeSet<>();
    List<List<String>> deniedRows = new ArrayList<>();
    Map<String, List<String>> newActorRows = new TreeMap<>();
    for (Row r : access) {
      String actor = r.getAs("actor");
      long c = r.<Long>getAs("calls");
      calls += c;
      errors += r.<Long>getAs("error_calls");
      denied += r.<Long>getAs("access_denied_calls");
      if ("GetFederationToken".equals(r.getAs("event_name"))) {
        signIns += c;
      }
      byActor.merge(actor, c, Long::sum);
      actors.add(actor);
      if (r.<Long>getAs("access_denied_calls") > 0) {
        deniedRows.add(List.of(actor, r.getAs("event_name"), String.valueOf(r.<Long>getAs("access_denied_calls")),
            ReportFiles.text(r.getAs("source_ips")), ReportFiles.text(r.getAs("user_agents"))));
      }
      if (Boolean.TRUE.equals(r.getAs("new_actor"))) {
        newActors.add(actor);
        List<String> prev = newActorRows.get(actor);
        long total = c + (prev == null ? 0 : Long.parseLong(prev.get(3)));
        String first = ReportFiles.text(r.getAs("first_seen"));
        if (prev != null && prev.get(2).compareTo(first) < 0) {
          first = prev.get(2);
        }
        newActorRows.put(actor, List.of(actor, String.valueOf((Object) r.getAs("identity_type")), first, String.valueOf(total),
            ReportFiles.text(r.getAs("source_ips"))));
      }
    }
    Map<String, Map<String, Long>> byType = new TreeMap<>();
    List<List<String>> changeRows = new ArrayList<>();
    long failedChanges = 0;
    for (Row r : changes) {
      byType.computeIfAbsent(r.getAs("resource_type"), k -> new TreeMap<>()).merge(r.getAs("action"), 1L, Long::sum);
      boolean ok = Boolean.TRUE.equals(r.getAs("succeeded"));
      failedChanges += ok ? 0 : 1;
      changeRows.add(java.util.Arrays.asList(ReportFiles.text(r.getAs("event_time")), r.getAs("actor"), r.getAs("event_name"),
          r.getAs("action"), r.getAs("resource_type"), r.getAs("resource_id"), r.getAs("connect_instance_id"),
          ok ? "succeeded" : "failed: " + r.getAs("error_code"), r.getAs("source_ip_address"), r.getAs("user_agent")));
    }
    Map<String, Long> headline = new LinkedHashMap<>();
    headline.put("calls", calls);
    headline.put("actors", (long) actors.size());
    headline.put("changes", (long) changes.size());
    headline.put("failed changes", failedChanges);
    headline.put("failed calls", errors);
    headline.put("denied calls", denied);
    headline.put("new actors", (long) newActors.size());
    headline.put("Connect sign-ins", signIns);
    List<Map.Entry<String, Long>> top = new ArrayList<>(byActor.entrySet());
    top.sort((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey()) : Long.compare(b.getValue(), a.getValue()));
    return new ReportModel(day, headline, perHour, top.subList(0, Math.min(10, top.size())), byType, changeRows, deniedRows,
        new ArrayList<>(newActorRows.values()), verdict);
  }
}

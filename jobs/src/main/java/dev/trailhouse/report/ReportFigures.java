package dev.trailhouse.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.trailhouse.findings.Findings;
import dev.trailhouse.findings.FindingsTable;
import dev.trailhouse.findings.Severity;
import dev.trailhouse.table.EventsTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Future;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The figures of report.html, computed by Spark from the day's report rows: aggregates stay small
 * whatever the day's size, and the tables show at most {@link #TABLE_ROWS} rows (the CSV and JSONL
 * files have them all). The queries run side by side (seven small jobs: 4.4 s one after another on
 * the benchmark day, most of it the driver planning each).
 */
final class ReportFigures {
  static final int TABLE_ROWS = 1_000;

  private ReportFigures() {}

  /**
   * Figure queries run at once: each is a small Spark job whose time is mostly the driver's
   * planning.
   */
  static final int QUERIES_AT_ONCE = 4;

  /**
   * @param events the day's events of the report's sources (for the calls per hour)
   */
  static ReportModel model(
      LocalDate day,
      Dataset<Row> access,
      Dataset<Row> changes,
      Dataset<Row> events,
      Dataset<Row> findings,
      String verdict) {
    java.util.concurrent.ExecutorService pool =
        dev.trailhouse.concurrent.DaemonPool.fixed(QUERIES_AT_ONCE, "trailhouse-report-figures");
    // The queries' jobs share a group, so that when one fails the others are cancelled, not left
    // running.
    org.apache.spark.SparkContext sc = access.sparkSession().sparkContext();
    String group = "trailhouse-report-figures-" + java.util.UUID.randomUUID();
    boolean done = false;
    try {
      Future<List<Row>> perHourRows =
          submit(
              pool,
              sc,
              group,
              () -> events.groupBy(hour(col(EventsTable.EVENT_TIME))).count().collectAsList());
      Future<Row> totals =
          submit(
              pool,
              sc,
              group,
              () ->
                  access
                      .agg(
                          sum("calls"),
                          countDistinct("actor"),
                          sum("error_calls"),
                          sum("access_denied_calls"),
                          countDistinct(when(col("new_actor"), col("actor"))),
                          sum(
                              when(col("event_name").equalTo("GetFederationToken"), col("calls"))
                                  .otherwise(0L)))
                      .first());
      // One pass over the changes for their counts: by type, action and result.
      Future<List<Row>> changeCounts =
          submit(
              pool,
              sc,
              group,
              () ->
                  changes.groupBy("resource_type", "action", "succeeded").count().collectAsList());
      Future<List<Row>> topRows =
          submit(
              pool,
              sc,
              group,
              () ->
                  access
                      .groupBy("actor")
                      .agg(sum("calls").as("n"))
                      .orderBy(desc("n"), col("actor"))
                      .limit(10)
                      .collectAsList());
      // Only the columns the table shows: the request's text is most of a change row.
      Future<List<Row>> firstChanges =
          submit(
              pool,
              sc,
              group,
              () ->
                  changes
                      .select(
                          CHANGE_COLUMNS.stream()
                              .map(c -> col(c))
                              .toArray(org.apache.spark.sql.Column[]::new))
                      .orderBy("event_time", "event_id")
                      .limit(TABLE_ROWS)
                      .collectAsList());
      Future<List<Row>> deniedRows =
          submit(
              pool,
              sc,
              group,
              () ->
                  access
                      .where(col("access_denied_calls").gt(0))
                      .orderBy(desc("access_denied_calls"), col("actor"), col("event_name"))
                      .limit(TABLE_ROWS)
                      .collectAsList());
      Future<List<Row>> newActorRows =
          submit(
              pool,
              sc,
              group,
              () ->
                  access
                      .where(col("new_actor"))
                      .groupBy("actor")
                      .agg(
                          org.apache.spark.sql.functions.max("identity_type"),
                          min("first_seen"),
                          sum("calls"),
                          org.apache.spark.sql.functions.array_sort(
                              org.apache.spark.sql.functions.array_distinct(
                                  org.apache.spark.sql.functions.flatten(
                                      org.apache.spark.sql.functions.collect_list("source_ips")))))
                      .orderBy("actor")
                      .limit(TABLE_ROWS)
                      .collectAsList());
      Future<List<Row>> severityRows =
          submit(
              pool,
              sc,
              group,
              () -> findings.groupBy(FindingsTable.SEVERITY).count().collectAsList());
      Future<List<Row>> findingRows =
          submit(
              pool,
              sc,
              group,
              () -> findings.orderBy(Findings.order()).limit(TABLE_ROWS).collectAsList());

      long[] perHour = new long[24];
      for (Row r : get(perHourRows)) {
        perHour[r.getInt(0)] = r.getLong(1);
      }
      Row a = get(totals);
      long changeCount = 0;
      long failedChanges = 0;
      Map<String, Map<String, Long>> byType = new TreeMap<>();
      for (Row r : get(changeCounts)) {
        long n = r.getLong(3);
        changeCount += n;
        failedChanges += Boolean.TRUE.equals(r.get(2)) ? 0 : n;
        byType
            .computeIfAbsent(String.valueOf(r.get(0)), k -> new TreeMap<>())
            .merge(String.valueOf(r.get(1)), n, Long::sum);
      }
      Map<String, Long> headline = new LinkedHashMap<>();
      Map<String, Long> bySeverity = new java.util.HashMap<>();
      for (Row r : get(severityRows)) {
        bySeverity.put(r.getString(0), r.getLong(1));
      }
      for (Severity s : Severity.values()) {
        headline.put(s.label() + " findings", bySeverity.getOrDefault(s.label(), 0L));
      }
      headline.put("calls", longOf(a, 0));
      headline.put("actors", longOf(a, 1));
      headline.put("changes", changeCount);
      headline.put("failed changes", failedChanges);
      headline.put("failed calls", longOf(a, 2));
      headline.put("denied calls", longOf(a, 3));
      headline.put("new actors", longOf(a, 4));
      headline.put("Connect sign-ins", longOf(a, 5));

      List<Map.Entry<String, Long>> top = new ArrayList<>();
      for (Row r : get(topRows)) {
        top.add(Map.entry(r.getString(0), r.getLong(1)));
      }
      List<List<String>> changeRows = new ArrayList<>();
      for (Row r : get(firstChanges)) {
        boolean ok = Boolean.TRUE.equals(r.getAs("succeeded"));
        changeRows.add(
            Arrays.asList(
                ReportFiles.text(r.getAs("event_time")),
                r.getAs("actor"),
                r.getAs("event_name"),
                r.getAs("action"),
                r.getAs("resource_type"),
                r.getAs("resource_id"),
                r.getAs("connect_instance_id"),
                ok ? "succeeded" : "failed: " + r.getAs("error_code"),
                r.getAs("source_ip_address"),
                r.getAs("user_agent")));
      }
      List<List<String>> denied = new ArrayList<>();
      for (Row r : get(deniedRows)) {
        denied.add(
            List.of(
                r.<String>getAs("actor"),
                r.<String>getAs("event_name"),
                String.valueOf(r.<Long>getAs("access_denied_calls")),
                ReportFiles.text(r.getAs("source_ips")),
                ReportFiles.text(r.getAs("user_agents"))));
      }
      List<List<String>> newActors = new ArrayList<>();
      for (Row r : get(newActorRows)) {
        newActors.add(
            List.of(
                r.getString(0),
                String.valueOf(r.get(1)),
                ReportFiles.text(r.get(2)),
                String.valueOf(r.getLong(3)),
                ReportFiles.text(r.get(4))));
      }
      List<List<String>> findingList = new ArrayList<>();
      for (Row r : get(findingRows)) {
        findingList.add(findingRow(r));
      }
      ReportModel model =
          new ReportModel(
              day,
              headline,
              perHour,
              top,
              byType,
              changeRows,
              denied,
              newActors,
              findingList,
              verdict);
      done = true;
      return model;
    } finally {
      if (!done) {
        sc.cancelJobGroup(group);
      }
      pool.shutdownNow();
    }
  }

  /** Event ids shown per finding on the page; findings.csv and findings.jsonl have them all. */
  static final int FINDING_EVENT_IDS = 20;

  /** A finding as the page's table shows it (ReportModel.FINDING_HEADERS). */
  static List<String> findingRow(Row r) {
    List<String> ids = r.getList(r.fieldIndex(FindingsTable.EVENT_IDS));
    String shown =
        String.join(" ", ids.subList(0, Math.min(ids.size(), FINDING_EVENT_IDS)))
            + (ids.size() > FINDING_EVENT_IDS
                ? " ... and " + (ids.size() - FINDING_EVENT_IDS) + " more"
                : "");
    return Arrays.asList(
        r.getAs(FindingsTable.SEVERITY),
        r.getAs(FindingsTable.RULE_ID),
        r.getAs(FindingsTable.TITLE),
        r.getAs(FindingsTable.ACTOR),
        r.getAs(FindingsTable.CONNECT_INSTANCE_ID),
        ReportFiles.text(r.getAs(FindingsTable.FIRST_SEEN)),
        ReportFiles.text(r.getAs(FindingsTable.LAST_SEEN)),
        String.valueOf(ids.size()),
        shown,
        r.getAs(FindingsTable.DETAILS));
  }

  /** Runs a figure query on the pool, its Spark jobs in {@code group}. */
  private static <T> Future<T> submit(
      java.util.concurrent.ExecutorService pool,
      org.apache.spark.SparkContext sc,
      String group,
      java.util.concurrent.Callable<T> query) {
    return pool.submit(
        () -> {
          sc.setJobGroup(group, "report figures", true);
          return query.call();
        });
  }

  /** The columns of changes_daily the change table shows (event_id orders it). */
  static final List<String> CHANGE_COLUMNS =
      List.of(
          "event_time",
          "event_id",
          "actor",
          "event_name",
          "action",
          "resource_type",
          "resource_id",
          "connect_instance_id",
          "succeeded",
          "error_code",
          "source_ip_address",
          "user_agent");

  /**
   * A figure query's result. Its failure fails the report: a runtime exception or error as the
   * query's thread threw it, a checked one (a SparkException) wrapped.
   */
  private static <T> T get(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while computing the report's figures", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static long longOf(Row r, int i) {
    return r.isNullAt(i) ? 0L : ((Number) r.get(i)).longValue();
  }
}

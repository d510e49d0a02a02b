package dev.trailhouse.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trailhouse.DataFrames;
import dev.trailhouse.Repo;
import dev.trailhouse.SampleLake;
import dev.trailhouse.config.Config;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reports of the sample lake: figures checked against an independent computation, a golden
 * change list.
 */
class SampleReportTest {
  private final SparkSession spark = SampleLake.session();
  private final Config config = SampleLake.config();
  static final String SOURCES =
      "('connect.amazonaws.com','voiceid.amazonaws.com','profile.amazonaws.com',"
          + "'wisdom.amazonaws.com','cases.amazonaws.com','app-integrations.amazonaws.com')";

  static List<String> rows(SparkSession spark, String sql) {
    List<String> out = new ArrayList<>();
    for (Row r : spark.sql(sql).collectAsList()) {
      out.add(r.mkString("|"));
    }
    return out;
  }

  /**
   * access_daily equals the same figures computed straight from events with plain SQL, every row,
   * every day.
   */
  @Test
  void accessFiguresEqualAnIndependentComputation() {
    String window =
        "event_source IN "
            + SOURCES
            + " AND event_date BETWEEN DATE'2025-03-24' AND DATE'2025-03-26'";
    String expected =
        "WITH d AS (SELECT DISTINCT event_date, coalesce(actor, '(unknown)') AS a FROM events WHERE "
            + window
            + "), "
            + "seen AS (SELECT DISTINCT d.event_date, d.a FROM d JOIN events x ON coalesce(x.actor, '(unknown)') = d.a "
            + "  AND x.event_source IN "
            + SOURCES
            + " AND x.event_date BETWEEN date_sub(d.event_date, 30) AND date_sub(d.event_date, 1)), "
            + "agg AS (SELECT event_date, coalesce(actor, '(unknown)') AS a, event_source, event_name, count(*) c, "
            + "count_if(read_only) r, count_if(NOT read_only) w, count(error_code) err, "
            + "count_if(error_code LIKE '%AccessDenied%' OR error_code LIKE '%Unauthorized%' OR error_code LIKE '%Forbidden%') den, "
            + "concat_ws(';', array_sort(collect_set(source_ip_address))) ips, min(event_time) f, max(event_time) l "
            + "FROM events WHERE "
            + window
            + " GROUP BY 1, 2, 3, 4) "
            + "SELECT agg.event_date, agg.a, event_source, event_name, c, r, w, err, den, ips, f, l, seen.a IS NULL "
            + "FROM agg LEFT JOIN seen ON agg.event_date = seen.event_date AND agg.a = seen.a ORDER BY 1, 2, 3, 4";
    String got =
        "SELECT report_date, actor, event_source, event_name, calls, read_calls, write_calls, error_calls, "
            + "access_denied_calls, concat_ws(';', source_ips), first_seen, last_seen, new_actor FROM access_daily ORDER BY 1, 2, 3, 4";
    Dataset<Row> actual = spark.sql(got);
    Dataset<Row> independent = spark.sql(expected).toDF(actual.columns());
    assertEquals(276, independent.count());
    // Values only: the independent query's counts are not nullable, the table's columns are.
    DataFrames.assertSmallDataEquals(independent, actual);
  }

  @Test
  void chosenActorsAndDays() {
    // mallory probes with denied calls and hostile user agents; the admin-website user changes
    // configuration.
    List<String> mallory =
        rows(
            spark,
            "SELECT report_date, sum(calls), sum(access_denied_calls) > 0, max(size(user_agents)) "
                + "FROM access_daily WHERE actor LIKE '%:user/mallory' GROUP BY 1 ORDER BY 1");
    assertEquals(3, mallory.size());
    assertTrue(mallory.stream().allMatch(s -> s.contains("|true|")), mallory.toString());
    List<String> signIns =
        rows(
            spark,
            "SELECT report_date, sum(calls) FROM access_daily WHERE event_name = 'GetFederationToken' GROUP BY 1 ORDER BY 1");
    assertEquals(
        rows(
            spark,
            "SELECT event_date, count(*) FROM events WHERE event_name = 'GetFederationToken' "
                + "AND event_date BETWEEN DATE'2025-03-24' AND DATE'2025-03-26' GROUP BY 1 ORDER BY 1"),
        signIns);
    // Identity Center users have no ARN: their actor is the onBehalfOf user id.
    assertFalse(
        rows(
                spark,
                "SELECT actor FROM access_daily WHERE identity_type = 'IdentityCenterUser' AND actor = '94482488-3041-7026-18f3-be45837cd0e4'")
            .isEmpty());
    // An actor seen on the 24th is not new on the 25th.
    assertEquals(
        List.of(),
        rows(
            spark,
            "SELECT a.actor FROM access_daily a JOIN access_daily b ON a.actor = b.actor "
                + "WHERE a.report_date = DATE'2025-03-24' AND b.report_date = DATE'2025-03-25' AND b.new_actor"));
  }

  /** changes_daily's files carry statistics on the filter columns only, not on the long text. */
  @Test
  void changeFilesHaveStatisticsOnTheFilterColumnsOnly() throws IOException {
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    List<Row> stats =
        spark
            .read()
            .json(config.table(ChangesDailyTable.NAME) + "/_delta_log/*.json")
            .where("add IS NOT NULL")
            .select("add.stats")
            .collectAsList();
    assertFalse(stats.isEmpty());
    for (Row r : stats) {
      List<String> columns = new ArrayList<>();
      json.readTree(r.getString(0)).get("nullCount").fieldNames().forEachRemaining(columns::add);
      assertEquals(
          new java.util.TreeSet<>(ChangesDailyTable.STATS_COLUMNS),
          new java.util.TreeSet<>(columns),
          r.getString(0));
    }
  }

  /**
   * The exact change rows of the sample, reviewed once and kept as a golden file (GENERATE_GOLDEN=1
   * rewrites it).
   */
  @BeforeAll
  static void shareSession() {
    DataFrames.share(SampleLake.session());
  }

  @Test
  void changesEqualTheGoldenFile() throws IOException {
    Path golden = Repo.root().resolve("test-data/expected/changes_daily.csv");
    Dataset<Row> got =
        spark.sql(
            "SELECT report_date, event_id, event_name, action, change_kind, resource_type, resource_id, "
                + "succeeded FROM changes_daily ORDER BY report_date, event_id");
    if ("1".equals(System.getenv("GENERATE_GOLDEN"))) {
      List<String> lines = new ArrayList<>(List.of(String.join("|", got.columns())));
      lines.addAll(
          rows(
              spark,
              "SELECT report_date, event_id, event_name, action, change_kind, resource_type, resource_id, "
                  + "succeeded FROM changes_daily ORDER BY report_date, event_id"));
      Files.write(golden, lines, StandardCharsets.UTF_8);
    }
    DataFrames.assertEquals(DataFrames.golden(spark, golden, "|", got.schema()), got);
    assertEquals(
        rows(
            spark,
            "SELECT count(*) FROM events WHERE NOT read_only AND event_source IN "
                + SOURCES
                + " AND event_date BETWEEN DATE'2025-03-24' AND DATE'2025-03-26'"),
        List.of(String.valueOf(got.count())));
  }

  @Test
  void reRunningADayGivesIdenticalRowsAndFilesAndLeavesOtherDaysAlone() throws IOException {
    LocalDate day = LocalDate.of(2025, 3, 25);
    Path reports = Path.of(java.net.URI.create(config.reports()));
    Map<String, byte[]> before = new HashMap<>();
    for (String d : List.of("2025-03-24", "2025-03-25", "2025-03-26")) {
      for (String f : ReportJob.FILES) {
        before.put(d + "/" + f, Files.readAllBytes(reports.resolve(d).resolve(f)));
      }
    }
    List<String> access =
        rows(
            spark,
            "SELECT * FROM access_daily ORDER BY report_date, actor, event_source, event_name");
    List<String> changes =
        rows(spark, "SELECT * FROM changes_daily ORDER BY report_date, event_id");
    new ReportJob(spark, config).run(day, "Coverage not verified (sample lake)");
    spark
        .read()
        .format("delta")
        .load(config.table("access_daily"))
        .createOrReplaceTempView("access_daily");
    spark
        .read()
        .format("delta")
        .load(config.table("changes_daily"))
        .createOrReplaceTempView("changes_daily");
    assertEquals(
        access,
        rows(
            spark,
            "SELECT * FROM access_daily ORDER BY report_date, actor, event_source, event_name"));
    assertEquals(
        changes, rows(spark, "SELECT * FROM changes_daily ORDER BY report_date, event_id"));
    for (Map.Entry<String, byte[]> e : before.entrySet()) {
      assertArrayEquals(e.getValue(), Files.readAllBytes(reports.resolve(e.getKey())), e.getKey());
    }
  }

  @Test
  void attackerControlledTextIsInertInHtmlAndCsv() throws IOException {
    Path reports = Path.of(java.net.URI.create(config.reports()));
    String html = "";
    String csv = "";
    for (String d : List.of("2025-03-24", "2025-03-25", "2025-03-26")) {
      String page = Files.readString(reports.resolve(d).resolve("report.html"));
      assertFalse(page.toLowerCase().contains("<script"), d + ": no script element");
      assertTrue(page.contains(ReportModel.CAVEAT.substring(0, 40)), d + ": coverage caveat");
      html += page;
      csv +=
          Files.readString(reports.resolve(d).resolve("access.csv"))
              + Files.readString(reports.resolve(d).resolve("changes.csv"));
    }
    assertTrue(
        html.contains("&lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt;"),
        "the script user agent is shown as text");
    assertTrue(csv.contains("'=HYPERLINK("), "formula neutralised");
    assertTrue(csv.contains("'@SUM(1+1)"), "formula neutralised");
    assertFalse(csv.matches("(?s).*(^|[,\\n\"])[=@+]HYPERLINK.*"), "no cell starts with a formula");
  }
}

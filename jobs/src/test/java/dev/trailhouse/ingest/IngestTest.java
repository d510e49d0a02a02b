package dev.trailhouse.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trailhouse.DataFrames;
import dev.trailhouse.TestSpark;
import dev.trailhouse.TrailFixture;
import dev.trailhouse.config.Config;
import dev.trailhouse.config.ConfigLoader;
import dev.trailhouse.config.DateRange;
import dev.trailhouse.write.IngestSummary;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exactly once: duplicates, re-deliveries, overlapping trails, late events and re-runs. */
class IngestTest {
  private static final LocalDate D1 = LocalDate.of(2025, 3, 24);
  private static final LocalDate D2 = D1.plusDays(1);
  private static final String ACCT = "111122223333";
  private static final String ORG = "o-a1b2c3d4e5";

  @TempDir Path dir;
  private final SparkSession spark = TestSpark.session();

  private Config config(String... extra) {
    List<String> sets =
        new ArrayList<>(List.of("input=" + dir.resolve("trail"), "warehouse=" + dir.resolve("wh")));
    sets.addAll(List.of(extra));
    return ConfigLoader.load(null, sets);
  }

  private IngestSummary ingest(Config config, LocalDate from, LocalDate to, Ingest.Mode mode) {
    return new Ingest(spark, config, Clock.systemUTC())
        .run(new DateRange(from, to), mode, UUID.randomUUID().toString(), "test");
  }

  @BeforeAll
  static void shareSession() {
    DataFrames.share(TestSpark.session());
  }

  private List<String> rows(Config c, String sql) {
    spark.read().format("delta").load(c.table("events")).createOrReplaceTempView("events");
    List<String> out = new ArrayList<>();
    for (Row r : spark.sql(sql).collectAsList()) {
      out.add(r.mkString("|"));
    }
    return out;
  }

  @Test
  void eachEventOnceWhateverTheDeliveries() {
    TrailFixture t = new TrailFixture(dir.resolve("trail"));
    String a =
        TrailFixture.event("a", "2025-03-24T10:00:00Z", "connect.amazonaws.com", "UpdateQueueName");
    String b =
        TrailFixture.event("b", "2025-03-24T23:58:00Z", "connect.amazonaws.com", "DescribeQueue");
    String c =
        TrailFixture.event("c", "2025-03-25T01:00:00Z", "voiceid.amazonaws.com", "CreateDomain");
    String old =
        TrailFixture.event("old", "2025-03-20T08:00:00Z", "sts.amazonaws.com", "AssumeRole");
    t.file(null, ACCT, "us-east-1", D1, List.of(a, a)); // duplicate inside one file
    t.file(null, ACCT, "us-east-1", D1, List.of(a)); // re-delivered in another file
    t.file(ORG, ACCT, "us-east-1", D1, List.of(a, b)); // the org trail overlaps the account trail
    t.file(null, ACCT, "us-east-1", D2, List.of(b, c, old)); // late: b of D1 and old in D2's folder

    Config conf = config();
    IngestSummary first =
        ingest(conf, D1, D1, Ingest.Mode.NEW_FILES); // lists D1 and D2 (lateness 1)
    assertEquals("succeeded", first.status(), first.line());
    assertEquals(4, first.filesRead());
    assertEquals(8, first.recordsRead());
    assertEquals(4, first.written());
    assertEquals(4, first.duplicates());
    assertEquals(0, first.rejected());
    // The whole table: these four events, each once, on the day of its eventTime.
    Dataset<Row> events =
        spark
            .read()
            .format("delta")
            .load(conf.table("events"))
            .select("event_date", "event_id", "event_source");
    DataFrames.assertNoOrderEquals(
        spark.createDataFrame(
            List.of(
                RowFactory.create(LocalDate.parse("2025-03-20"), "old", "sts.amazonaws.com"),
                RowFactory.create(LocalDate.parse("2025-03-24"), "a", "connect.amazonaws.com"),
                RowFactory.create(LocalDate.parse("2025-03-24"), "b", "connect.amazonaws.com"),
                RowFactory.create(LocalDate.parse("2025-03-25"), "c", "voiceid.amazonaws.com")),
            events.schema()),
        events);

    IngestSummary again =
        ingest(conf, D1, D2, Ingest.Mode.NEW_FILES); // overlapping range: nothing new to read
    assertEquals(0, again.filesRead());
    assertEquals(4, again.filesSkipped());
    assertEquals(0, again.written());

    IngestSummary reprocess = ingest(conf, D1, D2, Ingest.Mode.REPROCESS);
    assertEquals(4, reprocess.filesRead());
    assertEquals(0, reprocess.written());
    assertEquals(8, reprocess.duplicates());
    assertEquals(List.of("4"), rows(conf, "SELECT count(*) FROM events"));

    // A new file in an already ingested folder is the only one read next time.
    String d =
        TrailFixture.event("d", "2025-03-24T12:00:00Z", "connect.amazonaws.com", "DeleteQueue");
    t.file(null, ACCT, "us-east-1", D1, List.of(d, a));
    IngestSummary hourly = ingest(conf, D1, D1, Ingest.Mode.NEW_FILES);
    assertEquals(1, hourly.filesRead());
    assertEquals(1, hourly.written());
    assertEquals(1, hourly.duplicates());
    assertTrue(hourly.balanced());
    assertEquals(
        List.of("2025-03-24|3", "2025-03-25|1", "2025-03-20|1"),
        rows(
            conf,
            "SELECT event_date, count(*) FROM events GROUP BY event_date ORDER BY event_date = '2025-03-20', event_date"));
  }

  @Test
  void rejectsAreRecordedOnceAndRunsAreLedgered() {
    TrailFixture t = new TrailFixture(dir.resolve("trail"));
    t.file(
        null,
        ACCT,
        "us-east-1",
        D1,
        List.of(
            TrailFixture.event("ok", "2025-03-24T10:00:00Z", "s", "n"),
            "{\"eventID\":\"x\"}",
            "[]"));
    t.raw(null, ACCT, "us-east-1", D1, "not json at all".getBytes());
    Config conf = config("lateness_days=0");
    IngestSummary s = ingest(conf, D1, D1, Ingest.Mode.NEW_FILES);
    assertEquals(4, s.recordsRead());
    assertEquals(1, s.written());
    assertEquals(3, s.rejected());
    ingest(conf, D1, D1, Ingest.Mode.REPROCESS);
    spark.read().format("delta").load(conf.table("rejects")).createOrReplaceTempView("rejects");
    List<String> rejects = new ArrayList<>();
    for (Row r :
        spark
            .sql("SELECT record_index, reason FROM rejects ORDER BY source_file, record_index")
            .collectAsList()) {
      rejects.add(r.mkString("|"));
    }
    assertEquals(
        List.of(
            "1|the record has no eventTime",
            "2|the record is not a JSON object (it is an array)",
            "-1|the file is neither gzip nor a JSON object {\"Records\":[...]}"),
        rejects);
    List<Row> runs =
        spark
            .read()
            .format("delta")
            .load(conf.table("ingest_runs"))
            .orderBy("started_at")
            .collectAsList();
    assertEquals(2, runs.size());
    assertEquals(4L, (long) runs.get(0).getAs("records_read"));
    assertEquals("succeeded", runs.get(1).getAs("status"));
  }

  @Test
  void sourcesFilterIsCounted() {
    TrailFixture t = new TrailFixture(dir.resolve("trail"));
    t.file(
        null,
        ACCT,
        "us-east-1",
        D1,
        List.of(
            TrailFixture.event("k", "2025-03-24T10:00:00Z", "connect.amazonaws.com", "n"),
            TrailFixture.event("f", "2025-03-24T10:00:00Z", "s3.amazonaws.com", "n")));
    IngestSummary s =
        ingest(config("sources=connect.amazonaws.com"), D1, D1, Ingest.Mode.NEW_FILES);
    assertEquals(1, s.written());
    assertEquals(1, s.filtered());
    assertTrue(s.balanced());
  }

  @Test
  void duplicatesAcrossTasksAreCaughtWhateverTheTaskLayout() {
    TrailFixture t = new TrailFixture(dir.resolve("trail"));
    String x =
        TrailFixture.event("x", "2025-03-24T01:00:00Z", "connect.amazonaws.com", "UpdateQueueName");
    String y =
        TrailFixture.event("y", "2025-03-24T02:00:00Z", "connect.amazonaws.com", "UpdateQueueName");
    List<String> b = TrailFixture.events("b", 10, "2025-03-24T03:00:00Z");
    // Files an hour apart: too far for a task to read its neighbour's tail, so the run-wide check
    // must catch them.
    t.file(
        null,
        ACCT,
        "us-east-1",
        D1,
        concat(TrailFixture.events("a", 10, "2025-03-24T04:00:00Z"), List.of(x)));
    t.file(null, ACCT, "us-east-1", D1, b);
    t.file(
        null,
        ACCT,
        "us-east-1",
        D1,
        concat(TrailFixture.events("c", 10, "2025-03-24T05:00:00Z"), List.of(x, y)));
    t.file(
        null,
        ACCT,
        "us-east-1",
        D1,
        concat(TrailFixture.events("d", 10, "2025-03-24T06:00:00Z"), List.of(y)));
    t.file(
        null,
        ACCT,
        "us-east-1",
        D1,
        concat(TrailFixture.events("e", 10, "2025-03-24T07:00:00Z"), List.of(x)));
    t.file(null, ACCT, "us-east-1", D1, b); // a whole file delivered twice
    List<List<String>> tables = new ArrayList<>();
    for (String tasks : List.of("6", "3", "1")) {
      Config conf =
          ConfigLoader.load(
              null,
              List.of(
                  "input=" + dir.resolve("trail"),
                  "warehouse=" + dir.resolve("wh-" + tasks),
                  "lateness_days=0",
                  "ingest.parallelism=" + tasks));
      IngestSummary s = ingest(conf, D1, D1, Ingest.Mode.NEW_FILES);
      assertEquals("succeeded", s.status(), s.line());
      assertEquals(65, s.recordsRead());
      assertEquals(52, s.written(), "tasks=" + tasks);
      assertEquals(13, s.duplicates(), "tasks=" + tasks);
      tables.add(
          rows(
              conf,
              "SELECT event_id, source_file, event_time, request_parameters_json FROM events ORDER BY event_id"));
      assertEquals(
          List.of("52|52"), rows(conf, "SELECT count(*), count(DISTINCT event_id) FROM events"));
    }
    assertEquals(
        tables.get(2), tables.get(0), "6 tasks and 1 task give the same table, row for row");
    assertEquals(tables.get(2), tables.get(1));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}

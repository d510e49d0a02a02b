package dev.trailhouse.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trailhouse.TestSpark;
import dev.trailhouse.TrailFixture;
import dev.trailhouse.config.Config;
import dev.trailhouse.config.ConfigLoader;
import dev.trailhouse.config.DateRange;
import dev.trailhouse.write.IngestSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trail as real fixtures have it: a short organization id, a log file with a non-standard name, a
 * plain (not gzipped) .json file, a stray folder, an impossible event time and a null resource.
 * Every event is read, and the run says what it left out and what was non-standard.
 */
class NonStandardTrailTest {
  private static final LocalDate DAY = LocalDate.of(2020, 9, 30);
  private static final String ACCT = "111122223333";

  @TempDir Path dir;
  private final SparkSession spark = TestSpark.session();

  private static String withResources(String event, String resources) {
    return event.substring(0, event.length() - 1) + ",\"resources\":" + resources + "}";
  }

  @Test
  void everyEventIsReadAndTheRunNamesWhatWasSkippedOrNonStandard() throws IOException {
    TrailFixture t = new TrailFixture(dir.resolve("trail"));
    Path day = t.dayFolder("o-abcd", ACCT, "us-east-1", DAY);
    Files.createDirectories(day);
    String records =
        "{\"Records\":["
            + TrailFixture.event(
                "e1", "2020-09-30T21:55:00Z", "connect.amazonaws.com", "DescribeQueue")
            + ","
            + withResources(
                TrailFixture.event(
                    "e2", "2020-09-30T21:56:00Z", "connect.amazonaws.com", "UpdateQueueName"),
                "[null]")
            + ","
            + TrailFixture.event(
                "e3", "2262-04-12T00:00:00Z", "connect.amazonaws.com", "DescribeQueue")
            + ","
            + withResources(
                TrailFixture.event(
                    "e4", "2020-09-30T21:57:00Z", "connect.amazonaws.com", "DescribeUser"),
                "[{\"ARN\":\"arn:aws:connect:us-east-1:111122223333:instance/i-9/agent/u\"},null]")
            + "]}";
    Files.write(
        day.resolve("x_CloudTrail_us-east-1-20200930T2200.json.gz"),
        TrailFixture.gzip(records.getBytes(StandardCharsets.UTF_8)));
    Files.writeString(
        day.resolve("plain.json"),
        "{\"Records\":["
            + TrailFixture.event(
                "e5", "2020-09-30T23:00:00Z", "connect.amazonaws.com", "ListQueues")
            + "]}");
    t.file(
        null,
        ACCT,
        "us-east-1",
        DAY,
        List.of(
            TrailFixture.event(
                "e6", "2020-09-30T01:00:00Z", "connect.amazonaws.com", "ListUsers")));
    Files.createDirectories(dir.resolve("trail/AWSLogs/notes"));
    Files.writeString(dir.resolve("trail/AWSLogs/notes/readme.txt"), "not a trail");

    Config conf =
        ConfigLoader.load(
            null,
            List.of(
                "input=" + dir.resolve("trail"),
                "warehouse=" + dir.resolve("wh"),
                "lateness_days=0"));
    IngestSummary s =
        new Ingest(spark, conf, Clock.systemUTC())
            .run(new DateRange(DAY, DAY), Ingest.Mode.NEW_FILES, "run-1", "test");

    assertEquals("succeeded", s.status(), s.line());
    assertEquals(3, s.filesRead());
    assertEquals(6, s.recordsRead());
    assertEquals(5, s.written());
    assertEquals(1, s.rejected());
    String skipped = "{\"folder-without-accounts\":{\"count\":1,\"keys\":[\"AWSLogs/notes/\"]}}";
    String nonstandard =
        "{\"file-name\":{\"count\":2,\"keys\":["
            + "\"AWSLogs/o-abcd/111122223333/CloudTrail/us-east-1/2020/09/30/plain.json\","
            + "\"AWSLogs/o-abcd/111122223333/CloudTrail/us-east-1/2020/09/30/x_CloudTrail_us-east-1-20200930T2200.json.gz\"]},"
            + "\"organization-id\":{\"count\":1,\"keys\":[\"AWSLogs/o-abcd/\"]}}";
    assertTrue(
        s.line()
            .endsWith(
                " | not read: "
                    + skipped
                    + " | read, not in CloudTrail's standard form: "
                    + nonstandard),
        s.line());

    Row run = spark.read().format("delta").load(conf.table("ingest_runs")).collectAsList().get(0);
    assertEquals(skipped, run.getAs("skipped"));
    assertEquals(nonstandard, run.getAs("nonstandard"));

    spark.read().format("delta").load(conf.table("events")).createOrReplaceTempView("ns_events");
    assertEquals(
        List.of(
            "e1|null",
            "e2|[null]",
            "e4|[{\"arn\":\"arn:aws:connect:us-east-1:111122223333:instance/i-9/agent/u\"},null]",
            "e5|null",
            "e6|null"),
        strings("SELECT event_id, to_json(resources) FROM ns_events ORDER BY event_id"));
    spark.read().format("delta").load(conf.table("rejects")).createOrReplaceTempView("ns_rejects");
    assertEquals(
        List.of(
            "x_CloudTrail_us-east-1-20200930T2200.json.gz|2|"
                + "eventTime 2262-04-12T00:00:00Z is more than a day after the file's delivery day 2020-09-30|2020-09-30"),
        strings(
            "SELECT substring_index(source_file, '/', -1), record_index, reason, delivery_date FROM ns_rejects"));
  }

  private List<String> strings(String sql) {
    List<String> out = new ArrayList<>();
    for (Row r : spark.sql(sql).collectAsList()) {
      out.add(r.mkString("|"));
    }
    return out;
  }
}

package dev.trailhouse.report;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trailhouse.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The change files, written by time bucket without a global sort, hold exactly what orderBy gives.
 */
class ReportFilesOrderTest {
  private final SparkSession spark = TestSpark.session();
  private static final LocalDate DAY = LocalDate.parse("2025-03-24");
  private static final StructType SCHEMA =
      new StructType()
          .add("event_id", DataTypes.StringType)
          .add("event_time", DataTypes.TimestampType)
          .add("note", DataTypes.StringType);

  @TempDir Path dir;

  @Test
  void timeBucketsJoinedInOrderAreTheGlobalSort() throws Exception {
    Random random = new Random(7);
    long dayStart = DAY.atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond();
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      // Mostly within the day, some on the same microsecond (ties broken by event_id), a few
      // before or after it and some without a time: all must land where orderBy puts them.
      long micros =
          i % 10 == 0
              ? (long) (random.nextInt(50)) * 1_800_000_000L
              : (long) (random.nextDouble() * 86_400e6);
      Instant t = Instant.ofEpochSecond(dayStart).plusNanos(micros * 1000);
      if (i % 97 == 0) {
        t = t.minusSeconds(86_400 * (1 + random.nextInt(3)));
      } else if (i % 89 == 0) {
        t = t.plusSeconds(86_400 * (1 + random.nextInt(3)));
      }
      rows.add(
          RowFactory.create(
              String.format("id-%05d", random.nextInt(100_000)) + "-" + i,
              i % 101 == 0 ? null : t,
              i % 13 == 0 ? null : "note, \"" + i + "\""));
    }
    Dataset<Row> data = spark.createDataFrame(rows, SCHEMA).repartition(3);
    String sorted = dir.resolve("sorted").toUri().toString();
    String bucketed = dir.resolve("bucketed").toUri().toString();
    assertEquals(
        3_000,
        ReportFiles.writeCsvAndJsonl(
            spark, sorted, "changes", SCHEMA, data.orderBy("event_time", "event_id")));
    // Seven tasks, not merged into one by adaptive execution (these rows are far under its minimum
    // partition size): the buckets reach the driver out of order, as on a cluster.
    String partitions = spark.conf().get("spark.sql.shuffle.partitions");
    spark.conf().set("spark.sql.shuffle.partitions", "7");
    spark.conf().set("spark.sql.adaptive.coalescePartitions.enabled", "false");
    try {
      assertEquals(
          3_000,
          ReportFiles.writeCsvAndJsonlByTime(
              spark, bucketed, "changes", SCHEMA, data, DAY, "event_time", "event_id"));
    } finally {
      spark.conf().unset("spark.sql.adaptive.coalescePartitions.enabled");
      spark.conf().set("spark.sql.shuffle.partitions", partitions);
    }
    for (String f : List.of("changes.csv", "changes.jsonl")) {
      String expected = Files.readString(dir.resolve("sorted").resolve(f));
      assertEquals(expected, Files.readString(dir.resolve("bucketed").resolve(f)), f);
    }
    List<String> lines = Files.readAllLines(dir.resolve("bucketed").resolve("changes.csv"));
    assertEquals("event_id,event_time,note", lines.get(0));
    assertTrue(
        lines.get(1).contains(",,"),
        "a row without a time comes first, as orderBy puts nulls: " + lines.get(1));
    try (var parts = Files.list(dir.resolve("bucketed"))) {
      assertEquals(
          List.of("changes.csv", "changes.jsonl"),
          parts.map(p -> p.getFileName().toString()).sorted().toList(),
          "the parts are gone");
    }
  }

  @Test
  void aDayWithoutRowsGivesTheHeaderOnly() throws Exception {
    Dataset<Row> none = spark.createDataFrame(List.of(), SCHEMA).where(col("event_id").isNotNull());
    String out = dir.resolve("empty").toUri().toString();
    assertEquals(
        0,
        ReportFiles.writeCsvAndJsonlByTime(
            spark, out, "changes", SCHEMA, none, DAY, "event_time", "event_id"));
    assertEquals(
        "event_id,event_time,note\r\n",
        Files.readString(dir.resolve("empty").resolve("changes.csv")));
    assertEquals("", Files.readString(dir.resolve("empty").resolve("changes.jsonl")));
  }
}

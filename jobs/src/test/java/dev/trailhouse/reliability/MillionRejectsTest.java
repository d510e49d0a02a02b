package dev.trailhouse.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trailhouse.ChildRun;
import dev.trailhouse.TestSpark;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log file of one million bad records, ingested by a child JVM with a 512 MB heap (driver and, in
 * local mode, executor): every record is rejected and lands in the rejects table. The read task
 * writes its rejects to a file as it finds them, so none of them passes through the driver.
 */
class MillionRejectsTest {
  static final int RECORDS = 1_000_000;
  static final String ACCOUNT = "111122223333";

  @TempDir Path dir;

  static Path writeTrail(Path root) throws Exception {
    Path day =
        Files.createDirectories(
            root.resolve("AWSLogs/" + ACCOUNT + "/CloudTrail/us-east-1/2025/03/24"));
    Path file = day.resolve(ACCOUNT + "_CloudTrail_us-east-1_20250324T0000Z_million.json.gz");
    byte[] bad = "{\"eventVersion\":\"1.08\"}".getBytes(StandardCharsets.UTF_8);
    try (OutputStream out =
        new BufferedOutputStream(
            new GZIPOutputStream(Files.newOutputStream(file), 1 << 16), 1 << 16)) {
      out.write("{\"Records\":[".getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < RECORDS; i++) {
        if (i > 0) {
          out.write(',');
        }
        out.write(bad);
      }
      out.write("]}".getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }

  @Test
  void aMillionBadRecordsAreAllRejectedWithA512MbHeap() throws Exception {
    Path trail = dir.resolve("trail");
    Path file = writeTrail(trail);
    Path wh = dir.resolve("wh");
    ChildRun.Result r =
        ChildRun.withHeap(
                "512m",
                dir,
                Map.of(),
                "ingest",
                "--from",
                "2025-03-24",
                "--to",
                "2025-03-24",
                "--set",
                "input=" + trail,
                "--set",
                "warehouse=" + wh,
                "--set",
                "lateness_days=0")
            .await(900);
    System.out.printf("MillionRejectsTest: exit %d after %.1f s%n", r.exit(), r.seconds());
    assertEquals(0, r.exit(), r.err());
    assertTrue(
        r.out()
            .contains(
                "files listed=1 read=1 skipped=0 unreadable=0 other=0 | records read=1000000 "
                    + "written=0 duplicates=0 rejected=1000000 filtered=0"),
        r.out());

    List<Row> byReason =
        TestSpark.session()
            .read()
            .format("delta")
            .load(wh.resolve("rejects").toString())
            .groupBy("reason", "source_file", "delivery_date", "account_id", "region")
            .agg(
                org.apache.spark.sql.functions.count("*"),
                org.apache.spark.sql.functions.countDistinct("record_index"),
                org.apache.spark.sql.functions.min("record_index"),
                org.apache.spark.sql.functions.max("record_index"),
                org.apache.spark.sql.functions.countDistinct("run_id"),
                org.apache.spark.sql.functions.count("resolved_by_run"))
            .collectAsList();
    assertEquals(1, byReason.size(), byReason.toString());
    Row g = byReason.get(0);
    assertEquals("the record has no eventID", g.getString(0));
    assertEquals(file.toUri().toString().replace("file:///", "file:/"), g.getString(1));
    assertEquals(java.time.LocalDate.of(2025, 3, 24), g.get(2));
    assertEquals(ACCOUNT, g.getString(3));
    assertEquals("us-east-1", g.getString(4));
    assertEquals((long) RECORDS, g.getLong(5));
    assertEquals((long) RECORDS, g.getLong(6));
    assertEquals(0, g.getInt(7));
    assertEquals(RECORDS - 1, g.getInt(8));
    assertEquals(1L, g.getLong(9));
    assertEquals(0L, g.getLong(10));
    assertTrue(
        !Files.exists(wh.resolve("rejects/_trailhouse_rejects"))
            || Files.list(wh.resolve("rejects/_trailhouse_rejects")).count() == 0,
        "the run's reject files are removed once merged");
  }
}

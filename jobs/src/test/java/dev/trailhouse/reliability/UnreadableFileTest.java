package dev.trailhouse.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trailhouse.Repo;
import dev.trailhouse.S3Server;
import dev.trailhouse.SampleLake;
import dev.trailhouse.TestSpark;
import dev.trailhouse.TrailFixtureFiles;
import dev.trailhouse.config.Config;
import dev.trailhouse.config.ConfigLoader;
import dev.trailhouse.config.DateRange;
import dev.trailhouse.ingest.Ingest;
import dev.trailhouse.verify.VerifyTest;
import dev.trailhouse.write.IngestSummary;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log file that S3 refuses (403) is rejected as "cannot read the file" and left out of the
 * manifest; the next run reads it and marks that reject resolved by itself. Through s3a, S3Proxy
 * and the fault proxy.
 */
class UnreadableFileTest {
  @TempDir Path dir;

  @Test
  void aRefusedFileIsRejectedThenResolvedByTheRunThatReadsIt() throws Exception {
    SparkSession spark = TestSpark.session();
    String name = TrailFixtureFiles.logFiles(Repo.sampleTrail()).get(0).getFileName().toString();
    try (S3Server s3 = S3Server.start(dir, "trail", "lake");
        FaultProxy proxy = FaultProxy.forbidding(s3.port(), name)) {
      VerifyTest.copy(Repo.sampleTrail(), s3.data().resolve("trail/cloudtrail"));
      String endpoint = "http://127.0.0.1:" + proxy.port();
      Map<String, String> settings = new java.util.HashMap<>(s3.hadoopSettings(endpoint));
      settings.put("fs.s3a.retry.interval", "50ms");
      settings.forEach((k, v) -> spark.conf().set(k, v));
      try {
        Config c =
            ConfigLoader.load(
                null,
                List.of(
                    "input=s3a://trail/cloudtrail",
                    "warehouse=s3a://lake/wh",
                    "s3.endpoint=" + endpoint,
                    "s3.path_style_access=true"));
        DateRange days = new DateRange(SampleLake.FIRST, SampleLake.LAST);
        IngestSummary first =
            new Ingest(spark, c, Clock.systemUTC())
                .run(days, Ingest.Mode.NEW_FILES, "refused", "t");
        assertEquals("failed", first.status(), first.line());
        assertEquals(1, first.filesUnreadable(), first.line());
        assertTrue(proxy.forbids.get() > 0);
        List<Row> open = unread(spark, c);
        assertEquals(1, open.size(), open.toString());
        Row r = open.get(0);
        assertTrue(r.<String>getAs("source_file").endsWith("/" + name), r.toString());
        assertEquals(-1, r.<Integer>getAs("record_index"));
        assertTrue(
            r.<String>getAs("reason").startsWith("cannot read the file: AccessDeniedException: "),
            r.toString());
        assertEquals("refused", r.getAs("run_id"));
        assertNull(r.getAs("resolved_by_run"));
        assertNull(r.getAs("resolved_at"));

        proxy.calm();
        IngestSummary second =
            new Ingest(spark, c, Clock.systemUTC()).run(days, Ingest.Mode.NEW_FILES, "reader", "t");
        assertEquals("succeeded", second.status(), second.line());
        assertEquals(1, second.filesRead(), second.line());
        Row resolved = unread(spark, c).get(0);
        assertEquals("refused", resolved.getAs("run_id"));
        assertEquals("reader", resolved.getAs("resolved_by_run"));
        assertEquals(
            second.startedAt().truncatedTo(ChronoUnit.MICROS), resolved.getAs("resolved_at"));
        long all = spark.read().format("delta").load(c.table("rejects")).count();
        assertEquals(4 + 1, all, "the sample trail's 4 record rejects and the refused file's");
        List<String> got =
            spark
                .read()
                .format("delta")
                .load(c.table("events"))
                .select("event_id")
                .orderBy("event_id")
                .as(Encoders.STRING())
                .collectAsList();
        List<String> clean =
            SampleLake.session()
                .sql("SELECT event_id FROM events ORDER BY event_id")
                .as(Encoders.STRING())
                .collectAsList();
        assertEquals(clean, got);
      } finally {
        settings.keySet().forEach(k -> spark.conf().unset(k));
      }
    }
  }

  static List<Row> unread(SparkSession spark, Config c) {
    return spark
        .read()
        .format("delta")
        .load(c.table("rejects"))
        .where("byte_offset = -1")
        .collectAsList();
  }
}

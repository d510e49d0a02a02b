package dev.trailhouse.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trailhouse.Repo;
import dev.trailhouse.S3Server;
import dev.trailhouse.TestSpark;
import dev.trailhouse.config.Config;
import dev.trailhouse.config.ConfigLoader;
import dev.trailhouse.config.DateRange;
import dev.trailhouse.ingest.Ingest;
import dev.trailhouse.report.ReportJob;
import dev.trailhouse.write.IngestSummary;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample trail uploaded to a real S3-compatible server (S3Proxy on 127.0.0.1) and ingested
 * through s3a://, Delta tables on s3a:// too; the result equals the local run's.
 */
class S3EndToEndTest {
  static final LocalDate FROM = LocalDate.of(2025, 3, 24);
  static final LocalDate TO = LocalDate.of(2025, 3, 26);

  @TempDir static Path dir;
  static S3Server s3;
  static final SparkSession spark = TestSpark.session();

  @BeforeAll
  static void start() throws Exception {
    s3 = S3Server.start(dir, "trail", "lake");
    for (Map.Entry<String, String> e : s3.hadoopSettings(s3.endpoint()).entrySet()) {
      spark.conf().set(e.getKey(), e.getValue());
    }
    org.apache.hadoop.fs.Path dst = new org.apache.hadoop.fs.Path("s3a://trail/cloudtrail");
    FileSystem fs = dst.getFileSystem(spark.sessionState().newHadoopConf());
    fs.copyFromLocalFile(
        false, true, new org.apache.hadoop.fs.Path(Repo.sampleTrail().toUri()), dst);
  }

  @AfterAll
  static void stop() {
    for (String k : s3.hadoopSettings("").keySet()) {
      spark.conf().unset(k);
    }
    s3.close();
  }

  static IngestSummary ingest(Config c) {
    return new Ingest(spark, c, Clock.systemUTC())
        .run(new DateRange(FROM, TO), Ingest.Mode.NEW_FILES, UUID.randomUUID().toString(), "e2e");
  }

  static List<Row> events(Config c, String prefix) {
    Dataset<Row> e = spark.read().format("delta").load(c.table("events"));
    return e.selectExpr(
            "event_id",
            "event_date",
            "event_source",
            "event_name",
            "actor",
            "request_parameters_json",
            "substring(source_file, length('" + prefix + "') + 1) AS file")
        .orderBy("event_id")
        .collectAsList();
  }

  @Test
  void s3aRunEqualsLocalRun() throws java.io.IOException {
    Config local =
        ConfigLoader.load(
            null, List.of("input=" + Repo.sampleTrail(), "warehouse=" + dir.resolve("local-wh")));
    Config remote =
        ConfigLoader.load(
            null,
            List.of(
                "input=s3a://trail/cloudtrail/",
                "warehouse=s3a://lake/wh",
                "s3.endpoint=" + s3.endpoint(),
                "s3.path_style_access=true"));
    IngestSummary l = ingest(local);
    IngestSummary r = ingest(remote);
    assertEquals("succeeded", r.status(), r.line());
    assertTrue(r.written() > 0, r.line());
    assertEquals(l.filesRead(), r.filesRead());
    assertEquals(l.recordsRead(), r.recordsRead());
    assertEquals(l.written(), r.written());
    assertEquals(l.duplicates(), r.duplicates());
    assertEquals(l.rejected(), r.rejected());
    assertEquals(
        events(local, "file:" + Repo.sampleTrail()), events(remote, "s3a://trail/cloudtrail"));
    IngestSummary again = ingest(remote);
    assertEquals(0, again.filesRead());
    assertEquals(r.filesListed(), again.filesSkipped());

    // Reports read events from s3a and write their Delta tables and files to s3a; same bytes as
    // locally.
    Config localReports =
        ConfigLoader.load(
            null,
            List.of(
                "input=" + Repo.sampleTrail(),
                "warehouse=" + dir.resolve("local-wh"),
                "reports=" + dir.resolve("local-reports")));
    Config remoteReports =
        ConfigLoader.load(
            null,
            List.of(
                "input=s3a://trail/cloudtrail/",
                "warehouse=s3a://lake/wh",
                "reports=s3a://lake/reports",
                "s3.endpoint=" + s3.endpoint(),
                "s3.path_style_access=true"));
    LocalDate day = LocalDate.of(2025, 3, 25);
    ReportJob.DayResult lr = new ReportJob(spark, localReports).run(day, "v");
    ReportJob.DayResult rr = new ReportJob(spark, remoteReports).run(day, "v");
    assertEquals(lr, rr);
    for (String f : ReportJob.FILES) {
      byte[] localBytes =
          java.nio.file.Files.readAllBytes(dir.resolve("local-reports/2025-03-25").resolve(f));
      byte[] remoteBytes =
          java.nio.file.Files.readAllBytes(s3.data().resolve("lake/reports/2025-03-25").resolve(f));
      org.junit.jupiter.api.Assertions.assertArrayEquals(localBytes, remoteBytes, f);
    }
  }
}

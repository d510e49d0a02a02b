package dev.trailhouse.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trailhouse.Repo;
import dev.trailhouse.SampleLake;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two ingests of overlapping days at the same time, and an ingest beside a report: Delta detects
 * the conflicting commits, the loser retries, and the end state equals sequential runs.
 */
class ConcurrencyTest {
  @TempDir Path dir;

  @Test
  void overlappingIngestsAndAReportEndLikeSequentialRuns() throws Exception {
    Config c =
        ConfigLoader.load(
            null,
            List.of(
                "input=" + Repo.sampleTrail(),
                "warehouse=" + dir.resolve("wh"),
                "reports=" + dir.resolve("reports")));
    SparkSession base = TestSpark.session();
    // Seed one day so that the report has something to read while the ingests run.
    new Ingest(base.newSession(), c, Clock.systemUTC())
        .run(
            new DateRange(LocalDate.of(2025, 3, 24), LocalDate.of(2025, 3, 24)),
            Ingest.Mode.NEW_FILES,
            "seed",
            "test");
    CyclicBarrier start = new CyclicBarrier(3);
    CompletableFuture<IngestSummary> a =
        CompletableFuture.supplyAsync(
            () -> {
              await(start);
              return new Ingest(base.newSession(), c, Clock.systemUTC())
                  .run(
                      new DateRange(LocalDate.of(2025, 3, 24), LocalDate.of(2025, 3, 25)),
                      Ingest.Mode.REPROCESS,
                      "a",
                      "test");
            });
    CompletableFuture<IngestSummary> b =
        CompletableFuture.supplyAsync(
            () -> {
              await(start);
              return new Ingest(base.newSession(), c, Clock.systemUTC())
                  .run(
                      new DateRange(LocalDate.of(2025, 3, 25), LocalDate.of(2025, 3, 26)),
                      Ingest.Mode.NEW_FILES,
                      "b",
                      "test");
            });
    CompletableFuture<ReportJob.DayResult> r =
        CompletableFuture.supplyAsync(
            () -> {
              await(start);
              return new ReportJob(base.newSession(), c).run(LocalDate.of(2025, 3, 24), "v");
            });
    IngestSummary sa = a.get();
    IngestSummary sb = b.get();
    r.get();
    assertEquals("succeeded", sa.status(), sa.line());
    assertEquals("succeeded", sb.status(), sb.line());

    SparkSession spark = SampleLake.session();
    List<String> expected =
        spark
            .sql("SELECT event_id FROM events ORDER BY event_id")
            .as(Encoders.STRING())
            .collectAsList();
    List<String> got =
        base.read()
            .format("delta")
            .load(c.table("events"))
            .select("event_id")
            .orderBy("event_id")
            .as(Encoders.STRING())
            .collectAsList();
    assertEquals(expected, got);
    assertEquals(4L, base.read().format("delta").load(c.table("rejects")).count());
    assertEquals(3L, base.read().format("delta").load(c.table("ingest_runs")).count());
  }

  private static void await(CyclicBarrier b) {
    try {
      b.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

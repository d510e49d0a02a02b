package dev.trailhouse.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trailhouse.ChildRun;
import dev.trailhouse.Repo;
import dev.trailhouse.S3Server;
import dev.trailhouse.SampleLake;
import dev.trailhouse.TestSpark;
import dev.trailhouse.config.Config;
import dev.trailhouse.config.ConfigLoader;
import dev.trailhouse.config.DateRange;
import dev.trailhouse.ingest.Ingest;
import dev.trailhouse.verify.VerifyTest;
import dev.trailhouse.write.IngestSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S3 that throttles (503 SlowDown), drops connections and answers slowly: the ingest completes with
 * the clean result. S3 down: the job fails in bounded time with a clear message and writes nothing.
 */
class S3FaultTest {
  @TempDir Path dir;

  @Test
  void throttlingDropsAndDelaysStillGiveTheCleanResult() throws Exception {
    SparkSession spark = TestSpark.session();
    try (S3Server s3 = S3Server.start(dir, "trail", "lake");
        FaultProxy proxy = new FaultProxy(s3.port())) {
      VerifyTest.copy(Repo.sampleTrail(), s3.data().resolve("trail/cloudtrail"));
      String endpoint = "http://127.0.0.1:" + proxy.port();
      Map<String, String> settings = new java.util.HashMap<>(s3.hadoopSettings(endpoint));
      settings.put("fs.s3a.retry.interval", "50ms");
      settings.put("fs.s3a.retry.throttle.interval", "50ms");
      settings.put("fs.s3a.connection.establish.timeout", "2000");
      settings.put("fs.s3a.connection.maximum", "4");
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
        IngestSummary s =
            new Ingest(spark, c, Clock.systemUTC())
                .run(
                    new DateRange(SampleLake.FIRST, SampleLake.LAST),
                    Ingest.Mode.NEW_FILES,
                    "faults",
                    "test");
        proxy.calm();
        assertEquals("succeeded", s.status(), s.line());
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
        assertTrue(
            proxy.slowDowns.get() > 0 && proxy.drops.get() > 0 && proxy.delays.get() > 0,
            "faults injected: slowDown="
                + proxy.slowDowns
                + " drops="
                + proxy.drops
                + " delays="
                + proxy.delays);
      } finally {
        settings.keySet().forEach(k -> spark.conf().unset(k));
      }
    }
  }

  /**
   * An endpoint that accepts connections and never answers: the run fails with a message naming the
   * endpoint and the keys, and the ledger has its failed row with that message. A short budget
   * keeps the test quick (S3BudgetTest checks the defaults' worst case);
   * -Dtrailhouse.s3.defaults=true runs it with the defaults. The elapsed time is logged, not
   * asserted.
   */
  @Test
  void aSilentEndpointFailsTheRunNamingTheEndpointAndTheKeys() throws Exception {
    boolean defaults = Boolean.getBoolean("trailhouse.s3.defaults");
    Path wh = dir.resolve("wh-silent");
    try (FaultProxy silent = FaultProxy.silent()) {
      String endpoint = "http://127.0.0.1:" + silent.port();
      List<String> args =
          new java.util.ArrayList<>(
              List.of(
                  "ingest",
                  "--from",
                  "2025-03-24",
                  "--to",
                  "2025-03-24",
                  "--set",
                  "input=s3a://trail/cloudtrail",
                  "--set",
                  "warehouse=" + wh,
                  "--set",
                  "s3.endpoint=" + endpoint,
                  "--set",
                  "s3.path_style_access=true"));
      if (!defaults) {
        args.addAll(
            List.of(
                "--set", "s3.connect_timeout_seconds=1", "--set", "s3.request_timeout_seconds=2"));
      }
      ChildRun.Result r = ChildRun.start(dir, Map.of(), args.toArray(new String[0])).await(400);
      System.out.printf(
          "S3FaultTest: silent endpoint, %s budget: exit %d after %.1f s, %d connections%n",
          defaults ? "default" : "short", r.exit(), r.seconds(), silent.silences.get());
      String expected =
          defaults
              ? "S3 at "
                  + endpoint
                  + " did not answer: a request timed out after 4 tries (s3.connect_timeout_seconds=5, "
                  + "s3.request_timeout_seconds=30, s3.retries=1; at most about 141 s a request). Check s3.endpoint (and "
                  + "s3.region) and the network to it; if the endpoint is only slow, raise s3.request_timeout_seconds or "
                  + "s3.retries. ("
              : "S3 at "
                  + endpoint
                  + " did not answer: a request timed out after 4 tries (s3.connect_timeout_seconds=1, "
                  + "s3.request_timeout_seconds=2, s3.retries=1; at most about 13 s a request). Check s3.endpoint (and "
                  + "s3.region) and the network to it; if the endpoint is only slow, raise s3.request_timeout_seconds or "
                  + "s3.retries. (";
      assertEquals(1, r.exit(), r.err());
      String line =
          r.err().lines().filter(l -> l.startsWith("trailhouse: ")).findFirst().orElse("");
      assertTrue(line.startsWith("trailhouse: " + expected), r.err());
      assertTrue(silent.silences.get() >= 4, "connections: " + silent.silences.get());
      List<org.apache.spark.sql.Row> runs =
          TestSpark.session()
              .read()
              .format("delta")
              .load(wh.resolve("command_runs").toString())
              .orderBy("recorded_at")
              .collectAsList();
      assertEquals(
          List.of("running", "failed"), runs.stream().map(x -> x.<String>getAs("status")).toList());
      assertEquals(line.substring("trailhouse: ".length()), runs.get(1).getAs("message"));
      assertEquals("ingest", runs.get(1).getAs("command"));
    }
  }

  @Test
  void serverDownFailsFastWithAClearMessageAndWritesNothing() throws Exception {
    int closed = S3Server.freePort();
    Path wh = dir.resolve("wh");
    ChildRun.Result r =
        ChildRun.start(
                dir,
                Map.of(),
                "ingest",
                "--from",
                "2025-03-24",
                "--to",
                "2025-03-24",
                "--set",
                "input=s3a://trail/cloudtrail",
                "--set",
                "warehouse=" + wh,
                "--set",
                "s3.endpoint=http://127.0.0.1:" + closed,
                "--set",
                "s3.path_style_access=true")
            .await(240);
    assertEquals(1, r.exit(), r.err());
    assertTrue(
        r.err().contains("The trail prefix 's3a://trail/cloudtrail' cannot be listed"), r.err());
    assertTrue(r.seconds() < 180, "took " + r.seconds() + " s");
    assertFalse(Files.exists(wh.resolve("events")), "nothing written");
  }
}

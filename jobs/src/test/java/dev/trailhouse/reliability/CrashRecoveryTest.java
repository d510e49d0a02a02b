package dev.trailhouse.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trailhouse.ChildRun;
import dev.trailhouse.Repo;
import dev.trailhouse.SampleLake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ingest killed with SIGKILL (a) once data files are written but before the events commit, (b)
 * right after the events commit, before the manifest, and (c) at a random moment; each re-run ends
 * with the same table as a clean run: no loss, no duplicates. The re-run marks the killed run
 * abandoned in command_runs (on the same host its pid is gone, so it need not wait for the lease).
 */
class CrashRecoveryTest {
  @TempDir Path dir;

  static boolean hasDataFileButNoCommit(Path wh) {
    Path events = wh.resolve("events");
    return exists(events, p -> p.toString().endsWith(".parquet"))
        && !Files.exists(events.resolve("_delta_log/00000000000000000001.json"));
  }

  static boolean eventsCommitted(Path wh) {
    return Files.exists(wh.resolve("events/_delta_log/00000000000000000001.json"));
  }

  static boolean exists(Path root, Predicate<Path> p) {
    if (!Files.isDirectory(root)) {
      return false;
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.anyMatch(p);
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return false;
    }
  }

  String[] ingest(Path wh) {
    return new String[] {
      "ingest",
      "--from",
      "2025-03-24",
      "--to",
      "2025-03-26",
      "--conf",
      Repo.root().resolve("conf/local.yaml").toString(),
      "--set",
      "warehouse=" + wh
    };
  }

  /**
   * Starts a run, kills it when {@code when} holds (or after {@code afterMs}), re-runs it to the
   * end.
   */
  void killAndRerun(Path wh, Predicate<Path> when, long afterMs) throws Exception {
    ChildRun run = ChildRun.start(dir, Map.of(), ingest(wh));
    // A bound for a loaded machine, not a timing check: two JVMs start Spark here.
    long deadline = System.currentTimeMillis() + 480_000;
    long start = System.currentTimeMillis();
    boolean killed = false;
    while (run.alive() && System.currentTimeMillis() < deadline) {
      if ((when != null && when.test(wh))
          || (afterMs > 0 && System.currentTimeMillis() - start >= afterMs)) {
        run.kill();
        killed = true;
        break;
      }
      Thread.sleep(2);
    }
    if (!killed && run.alive()) {
      run.kill();
    }
    assertTrue(killed, "the kill point was reached before the run ended");
    ChildRun.Result again =
        ChildRun.start(dir, Map.of(), ingest(wh)).await(900); // a hang guard, not a timing check
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.out().contains("succeeded"), again.out());
  }

  /**
   * The statuses of the runs in command_runs, in order of start: each run's statuses, oldest first.
   */
  static List<List<String>> ledger(Path wh) {
    List<org.apache.spark.sql.Row> rows =
        SampleLake.session()
            .read()
            .format("delta")
            .load(wh.resolve("command_runs").toString())
            .orderBy("started_at", "recorded_at")
            .collectAsList();
    java.util.LinkedHashMap<String, List<String>> byRun = new java.util.LinkedHashMap<>();
    for (org.apache.spark.sql.Row r : rows) {
      List<String> statuses =
          byRun.computeIfAbsent(r.getAs("run_id"), k -> new java.util.ArrayList<>());
      String status = r.getAs("status");
      if (statuses.isEmpty() || !statuses.get(statuses.size() - 1).equals(status)) {
        statuses.add(status); // heartbeats collapse into one "running"
      }
    }
    return List.copyOf(byRun.values());
  }

  /** The killed run (the first) reads abandoned, found by the re-run, which succeeded. */
  static void assertKilledRunAbandoned(Path wh) {
    assertEquals(
        List.of(List.of("running", "abandoned"), List.of("running", "succeeded")), ledger(wh));
    List<org.apache.spark.sql.Row> rows =
        SampleLake.session()
            .read()
            .format("delta")
            .load(wh.resolve("command_runs").toString())
            .orderBy("started_at", "recorded_at")
            .collectAsList();
    org.apache.spark.sql.Row abandoned =
        rows.stream().filter(r -> "abandoned".equals(r.getAs("status"))).findFirst().get();
    org.apache.spark.sql.Row rerun = rows.get(rows.size() - 1);
    assertEquals(rerun.<String>getAs("run_id"), abandoned.getAs("found_by"));
    assertEquals(rows.get(0).<java.time.Instant>getAs("started_at"), abandoned.getAs("started_at"));
    assertTrue(
        !abandoned.<java.time.Instant>getAs("recorded_at").isBefore(rerun.getAs("started_at")),
        abandoned.toString());
    assertTrue(
        abandoned
            .<String>getAs("message")
            .startsWith("found running by run " + rerun.getAs("run_id") + " on host "),
        abandoned.toString());
    List<String> status =
        SampleLake.session()
            .read()
            .format("delta")
            .load(wh.resolve("ingest_runs").toString())
            .select("status")
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList();
    assertEquals(List.of("succeeded"), status);
  }

  void assertSameAsCleanRun(Path wh, String point) {
    SparkSession spark = SampleLake.session();
    List<String> clean =
        spark
            .sql("SELECT event_id FROM events ORDER BY event_id")
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList();
    List<String> got =
        spark
            .read()
            .format("delta")
            .load(wh.resolve("events").toUri().toString())
            .select("event_id")
            .orderBy("event_id")
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList();
    assertEquals(clean, got, point);
    long rejects =
        spark.read().format("delta").load(wh.resolve("rejects").toUri().toString()).count();
    assertEquals(4, rejects, point);
    long manifest =
        spark
            .read()
            .format("delta")
            .load(wh.resolve("ingested_files").toUri().toString())
            .select("path")
            .distinct()
            .count();
    assertEquals(SampleLake.firstRun().filesListed(), manifest, point);
  }

  @Test
  void killedBeforeTheEventsCommit() throws Exception {
    Path wh = dir.resolve("wh-a");
    killAndRerun(wh, CrashRecoveryTest::hasDataFileButNoCommit, 0);
    assertSameAsCleanRun(wh, "killed with data files written, before the commit");
    assertKilledRunAbandoned(wh);
  }

  @Test
  void killedAfterTheEventsCommitBeforeTheManifest() throws Exception {
    Path wh = dir.resolve("wh-b");
    killAndRerun(wh, CrashRecoveryTest::eventsCommitted, 0);
    assertSameAsCleanRun(wh, "killed after the events commit");
    assertKilledRunAbandoned(wh);
  }

  @Test
  void killedAtARandomMoment() throws Exception {
    Path wh = dir.resolve("wh-c");
    long at = 3_000 + new Random(20251124).nextInt(6_000);
    killAndRerun(wh, null, at);
    assertSameAsCleanRun(wh, "killed after " + at + " ms");
    // Killed before it could record its start, or after: no run is left running either way.
    List<List<String>> runs = ledger(wh);
    assertTrue(
        runs.equals(List.of(List.of("running", "succeeded")))
            || runs.equals(
                List.of(List.of("running", "abandoned"), List.of("running", "succeeded"))),
        runs.toString());
  }
}

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
 * with the same table as a clean run: no loss, no duplicates.
 */
class CrashRecoveryTest {
  @TempDir Path dir;

  static boolean hasDataFileButNoCommit(Path wh) {
    Path events = wh.resolve("events");
    return exists(events, p -> p.toString().endsWith(".parquet")) && !Files.exists(events.resolve("_delta_log/00000000000000000001.json"));
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
    return new String[] {"ingest", "--from", "2025-03-24", "--to", "2025-03-26", "--conf", Repo.root().resolve("conf/local.yaml").toString(),
        "--set", "warehouse=" + wh};
  }

  /** Starts a run, kills it when {@code when} holds (or after {@code afterMs}), re-runs it to the end. */
  void killAndRerun(Path wh, Predicate<Path> when, long afterMs) throws Exception {
    ChildRun run = ChildRun.start(dir, Map.of(), ingest(wh));
    long deadline = System.currentTimeMillis() + 120_000;
    long start = System.currentTimeMillis();
    boolean killed = false;
    while (run.alive() && System.currentTimeMillis() < deadline) {
      if ((when != null && when.test(wh)) || (afterMs > 0 && System.currentTimeMillis() - start >= afterMs)) {
        run.kill();
        killed = true;
        break;
      }
      Thread.sleep(2);
    }
    assertTrue(killed, "the kill point was reached before the run ended");
    ChildRun.Result again = ChildRun.start(dir, Map.of(), ingest(wh)).await(300);
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.out().contains("succeeded"), again.out());
  }

  void assertSameAsCleanRun(Path wh, String point) {
    SparkSession spark = SampleLake.session();
    List<String> clean = spark.sql("SELECT event_id FROM events ORDER BY event_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    List<String> got = spark.read().format("delta").load(wh.resolve("events").toUri().toString()).select("event_id").orderBy("event_id")
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertEquals(clean, got, point);
    long rejects = spark.read().format("delta").load(wh.resolve("rejects").toUri().toString()).count();
    assertEquals(4, rejects, point);
    long manifest = spark.read().format("delta").load(wh.resolve("ingested_files").toUri().toString()).select("path").distinct().count();
    assertEquals(SampleLake.firstRun().filesListed(), manifest, point);
  }

  @Test
  void killedBeforeTheEventsCommit() throws Exception {
    Path wh = dir.resolve("wh-a");
    killAndRerun(wh, CrashRecoveryTest::hasDataFileButNoCommit, 0);
    assertSameAsCleanRun(wh, "killed with data files written, before the commit");
  }

  @Test
  void killedAfterTheEventsCommitBeforeTheManifest() throws Exception {
    Path wh = dir.resolve("wh-b");
    killAndRerun(wh, CrashRecoveryTest::eventsCommitted, 0);
    assertSameAsCleanRun(wh, "killed after the events commit");
  }

  @Test
  void killedAtARandomMoment() throws Exception {
    Path wh = dir.resolve("wh-c");
    long at = 3_000 + new Random(20251124).nextInt(6_000);
    killAndRerun(wh, null, at);
    assertSameAsCleanRun(wh, "killed after " + at + " ms");
  }
}

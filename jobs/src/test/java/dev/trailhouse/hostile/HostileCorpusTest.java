package dev.trailhouse.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trailhouse.Repo;
import dev.trailhouse.TestSpark;
import dev.trailhouse.config.Config;
import dev.trailhouse.config.ConfigLoader;
import dev.trailhouse.config.DateRange;
import dev.trailhouse.ingest.Ingest;
import dev.trailhouse.write.IngestSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every hostile file in test-data/hostile/ in one run: every good record ingested, every bad one in
 * rejects with a reason, the other files untouched, the run's counts reconciled.
 */
class HostileCorpusTest {
  static final Path CORPUS = Repo.root().resolve("test-data").resolve("hostile");
  @TempDir Path dir;
  private final SparkSession spark = TestSpark.session();

  @Test
  void committedCorpusIsTheGeneratedOne() throws Exception {
    if ("1".equals(System.getenv("GENERATE_CORPUS"))) {
      HostileCorpus.write(CORPUS);
    }
    for (HostileCorpus.Case c : HostileCorpus.cases()) {
      assertArrayEquals(c.bytes(), Files.readAllBytes(CORPUS.resolve(c.file())), c.name());
    }
  }

  @Test
  void everyCaseEndsWithGoodRecordsIngestedAndBadOnesRejected() {
    Config config =
        ConfigLoader.load(
            null, List.of("input=" + CORPUS, "warehouse=" + dir.resolve("wh"), "lateness_days=0"));
    LocalDate day = LocalDate.of(2025, 4, 1);
    IngestSummary s =
        new Ingest(spark, config, Clock.systemUTC())
            .run(new DateRange(day, day), Ingest.Mode.NEW_FILES, "hostile", "test");
    List<HostileCorpus.Case> cases = HostileCorpus.cases();

    long events = cases.stream().mapToLong(c -> c.events().size()).sum();
    long rejects = cases.stream().mapToLong(c -> c.rejects().size()).sum();
    assertEquals("succeeded", s.status(), s.line());
    assertEquals(cases.size(), s.filesRead());
    assertEquals(events, s.written());
    assertEquals(rejects, s.rejected());
    assertEquals(0, s.duplicates());
    assertEquals(events + rejects, s.recordsRead());

    spark
        .read()
        .format("delta")
        .load(config.table("events"))
        .createOrReplaceTempView("hostile_events");
    spark
        .read()
        .format("delta")
        .load(config.table("rejects"))
        .createOrReplaceTempView("hostile_rejects");
    Map<String, List<String>> idsByFile = new TreeMap<>();
    for (Row r :
        spark
            .sql("SELECT source_file, event_id FROM hostile_events ORDER BY source_file, event_id")
            .collectAsList()) {
      idsByFile.computeIfAbsent(name(r.getString(0)), k -> new ArrayList<>()).add(r.getString(1));
    }
    Map<String, List<String>> rejectsByFile = new TreeMap<>();
    for (Row r :
        spark
            .sql(
                "SELECT source_file, record_index, reason FROM hostile_rejects ORDER BY source_file, record_index")
            .collectAsList()) {
      rejectsByFile
          .computeIfAbsent(name(r.getString(0)), k -> new ArrayList<>())
          .add(r.getInt(1) + ":" + r.getString(2));
    }
    for (HostileCorpus.Case c : cases) {
      List<String> expectedIds = new ArrayList<>(c.events());
      expectedIds.sort(null);
      assertEquals(expectedIds, idsByFile.getOrDefault(c.name(), List.of()), c.name());
      List<String> got = rejectsByFile.getOrDefault(c.name(), List.of());
      assertEquals(c.rejects().size(), got.size(), c.name() + ": " + got);
      for (int i = 0; i < got.size(); i++) {
        assertTrue(
            got.get(i).startsWith(c.rejects().get(i)),
            c.name() + ": " + got.get(i) + " should start with " + c.rejects().get(i));
      }
    }
    List<Row> times =
        spark
            .sql(
                "SELECT event_id, event_time, read_only, request_parameters FROM hostile_events "
                    + "WHERE event_id IN ('tm0','tm1','tm2','ro0','ro1','rp0','rp1','rp2','dk1','ck0') ORDER BY event_id")
            .collectAsList();
    Map<String, Row> byId = new TreeMap<>();
    times.forEach(r -> byId.put(r.getString(0), r));
    assertEquals(Instant.parse("2025-03-26T16:43:57Z"), byId.get("tm0").get(1));
    assertEquals(Instant.parse("2025-04-01T10:00:00Z"), byId.get("tm1").get(1));
    assertEquals(Instant.parse("2025-04-01T10:00:00.123Z"), byId.get("tm2").get(1));
    assertEquals(true, byId.get("ro0").get(2));
    assertEquals(false, byId.get("ro1").get(2));
    assertEquals(
        Map.of("InstanceId", "i-9"),
        scala.collection.JavaConverters.mapAsJavaMap(byId.get("rp0").getMap(3)));
    assertEquals(
        Map.of("", "plain text"),
        scala.collection.JavaConverters.mapAsJavaMap(byId.get("rp1").getMap(3)));
    Map<String, String> rp2 = new java.util.HashMap<>();
    rp2.put("[0]", "1");
    rp2.put("[1].a", null);
    rp2.put("[2]", "[]");
    assertEquals(
        rp2,
        new java.util.HashMap<>(
            scala.collection.JavaConverters.mapAsJavaMap(byId.get("rp2").getMap(3))));
    assertEquals(
        Map.of("a", "2"), scala.collection.JavaConverters.mapAsJavaMap(byId.get("dk1").getMap(3)));
    assertEquals(
        Map.of("Name", "A", "name", "b", "NAME", "c"),
        scala.collection.JavaConverters.mapAsJavaMap(byId.get("ck0").getMap(3)));
    assertEquals(
        1L,
        spark
            .sql(
                "SELECT count(*) FROM hostile_events WHERE event_id = 'hs0' AND length(additional_event_data_json) > 20000000")
            .first()
            .getLong(0));
  }

  private static String name(String uri) {
    String f = uri.substring(uri.lastIndexOf('_') + 1);
    return f.substring(0, f.indexOf('.'));
  }
}

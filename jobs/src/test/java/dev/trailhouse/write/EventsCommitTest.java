package dev.trailhouse.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailhouse.CorpusRecords;
import dev.trailhouse.TestSpark;
import dev.trailhouse.config.TrailhouseException;
import dev.trailhouse.row.EventRow;
import dev.trailhouse.table.EventsTable;
import dev.trailhouse.write.parquet.EventsFile;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files committed by Trailhouse's own writer: Delta's statistics as Delta computes them, and a
 * table check.
 */
class EventsCommitTest {
  private static final LocalDate DAY = LocalDate.of(2025, 3, 24);
  @TempDir Path dir;
  private final SparkSession spark = TestSpark.session();

  /** Rows of one day with stats-column values at the edges: nulls, long and non-ASCII strings. */
  private static List<Object[]> rows() {
    List<Object[]> corpus = CorpusRecords.referenceRows();
    List<Object[]> out = new ArrayList<>();
    int time = EventsTable.index(EventsTable.EVENT_TIME);
    int date = EventsTable.index(EventsTable.EVENT_DATE);
    int name = EventsTable.index(EventsTable.EVENT_NAME);
    int actor = EventsTable.index(EventsTable.ACTOR);
    int error = EventsTable.index(EventsTable.ERROR_CODE);
    int id = EventsTable.index(EventsTable.EVENT_ID);
    int identity = EventsTable.index(EventsTable.USER_IDENTITY_JSON);
    for (int i = 0; i < 400; i++) {
      Object[] r = corpus.get(i % corpus.size()).clone();
      r[id] = "stats-" + i;
      r[date] = DAY;
      r[time] =
          Instant.parse("2025-03-24T00:00:00Z")
              .plusSeconds(i * 97L)
              .plusNanos(i * 123_457_000L % 1_000_000_000L);
      // The identity columns are a function of user_identity_json (the writer relies on it), so an
      // edited actor comes with its own userIdentity.
      if (i == 7) {
        r[actor] =
            "arn:aws:sts::111122223333:assumed-role/a-very-long-role-name-that-goes-on/\uFFFF\uFFFF-session";
        r[identity] = "{\"arn\":\"" + r[actor] + "\"}";
      }
      if (i == 8) {
        r[actor] = "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz" + "\u00e9\u4e2d\ud83d\ude00";
        r[identity] = "{\"arn\":\"" + r[actor] + "\"}";
      }
      if (i == 9) {
        r[name] = "\u00c9v\u00e9nement-" + "x".repeat(40);
      }
      if (i % 3 == 0) {
        r[error] = null;
      }
      out.add(r);
    }
    return out;
  }

  @Test
  void statisticsAreWhatDeltasOwnWriterComputes() throws Exception {
    List<Object[]> rows = rows();
    String ours = "file:" + dir.resolve("ours");
    EventsCommit commit = EventsCommit.begin(spark, ours, Set.of(DAY));
    String file = ours + "/event_date=" + DAY + "/part-00000-test.c000.snappy.parquet";
    EventRow er = new EventRow();
    EventsFile.Written w;
    try (EventsFile f =
        new EventsFile(new org.apache.hadoop.fs.Path(file), new Configuration(), 64L << 20, 32)) {
      for (Object[] r : rows) {
        er.set(r);
        f.add(er);
      }
      w = f.finish();
    }
    commit.commit(List.of(w), List.of(DAY), "test");

    // The same rows through Delta's own writer, into a table with the same definition, as one file.
    String theirs = "file:" + dir.resolve("theirs");
    DeltaTables.ensure(
        spark, theirs, EventsTable.SCHEMA, EventsTable.PROPERTIES, EventsTable.EVENT_DATE);
    Dataset<Row> same = spark.read().format("delta").load(ours).coalesce(1);
    same.write().format("delta").mode("append").save(theirs);

    ObjectMapper json = new ObjectMapper();
    JsonNode a = json.readTree(onlyStats(ours));
    JsonNode b = json.readTree(onlyStats(theirs));
    assertEquals(400, a.get("numRecords").asInt());
    assertEquals(b, a, "our statistics against Delta's");
    assertTrue(a.get("maxValues").get("actor").asText().length() > 0);
    // Data skipping on them gives the right answers.
    assertEquals(1, spark.read().format("delta").load(ours).where("actor >= 'zzzz'").count());
    assertEquals(
        rows.stream().filter(r -> r[EventsTable.index(EventsTable.ERROR_CODE)] == null).count(),
        spark.read().format("delta").load(ours).where("error_code IS NULL").count());
  }

  private String onlyStats(String path) {
    List<Row> files =
        spark
            .read()
            .json(path + "/_delta_log/*.json")
            .where("add IS NOT NULL")
            .select("add.stats")
            .collectAsList();
    assertEquals(1, files.size(), "one data file in " + path);
    return files.get(0).getString(0);
  }

  @Test
  void aTableOfAnotherShapeIsRefusedWithTheFix() {
    String path = "file:" + dir.resolve("other");
    spark
        .range(3)
        .selectExpr("id", "cast(id as string) AS event_id")
        .write()
        .format("delta")
        .save(path);
    TrailhouseException e =
        assertThrows(TrailhouseException.class, () -> EventsCommit.begin(spark, path, Set.of(DAY)));
    assertTrue(
        e.getMessage()
            .startsWith(
                "The table at "
                    + path
                    + " is partitioned by [] where its contract has "
                    + "[event_date]. "),
        e.getMessage());
    assertTrue(e.getMessage().contains("point warehouse at a new folder"), e.getMessage());
  }
}

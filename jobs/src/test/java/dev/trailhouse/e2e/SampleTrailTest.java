package dev.trailhouse.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trailhouse.DataFrames;
import dev.trailhouse.Repo;
import dev.trailhouse.SampleLake;
import dev.trailhouse.config.Config;
import dev.trailhouse.config.DateRange;
import dev.trailhouse.ingest.Ingest;
import dev.trailhouse.write.IngestSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed sample trail end to end: exact rows per event_date and event_source (expected
 * counts come from the generator's model, not from ingest), the exact rejects, and a second run
 * adds nothing.
 */
class SampleTrailTest {
  private static final Path GOLDEN =
      Repo.root().resolve("test-data/expected/events_by_date_source.csv");
  private final SparkSession spark = SampleLake.session();

  @BeforeAll
  static void shareSession() {
    DataFrames.share(SampleLake.session());
  }

  private Dataset<Row> rowsPerDateAndSource() {
    return spark.sql(
        "SELECT event_date, event_source, count(*) AS events FROM events GROUP BY 1, 2 ORDER BY 1, 2");
  }

  @Test
  void exactRowsPerDateAndSource() throws IOException {
    Dataset<Row> got = rowsPerDateAndSource();
    DataFrames.assertEquals(DataFrames.golden(spark, GOLDEN, ",", got.schema()), got);
    assertEquals(
        0L, spark.sql("SELECT count(*) - count(DISTINCT event_id) FROM events").first().getLong(0));
  }

  /** The golden comparison can fail: one expected count off by one is a mismatch. */
  @Test
  void aMutatedGoldenRowFails() throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(GOLDEN));
    String[] f = lines.get(3).split(",");
    lines.set(3, f[0] + "," + f[1] + "," + (Long.parseLong(f[2]) + 1));
    Dataset<Row> got = rowsPerDateAndSource();
    Dataset<Row> mutated = DataFrames.golden(spark, lines, ",", got.schema());
    AssertionError e =
        assertThrows(AssertionError.class, () -> DataFrames.assertEquals(mutated, got));
    // spark-testing-base names the failure and prints the unequal rows (expected count, result
    // count).
    assertEquals("There are some unequal rows", e.getMessage());
  }

  @Test
  void exactRejects() throws IOException {
    List<String> expected = new ArrayList<>();
    for (String line :
        Files.readAllLines(Repo.root().resolve("test-data/expected/rejects.csv")).subList(1, 5)) {
      String[] f = line.split(",");
      String reason =
          switch (f[2]) {
            case "truncated" -> "the file ends inside this record (truncated)";
            case "missing_event_id" -> "the record has no eventID";
            case "bad_event_time" -> "eventTime is not a timestamp: 'not-a-time'";
            case "not_an_object" -> "the record is not a JSON object (it is an array)";
            default -> throw new AssertionError(f[2]);
          };
      expected.add(f[0] + "|" + f[1] + "|" + reason);
    }
    String root = "file:" + Repo.sampleTrail() + "/";
    List<String> got = new ArrayList<>();
    for (Row r :
        spark
            .sql("SELECT source_file, record_index, reason FROM rejects ORDER BY source_file")
            .collectAsList()) {
      String reason = r.getString(2);
      got.add(
          r.getString(0).substring(root.length())
              + "|"
              + r.getInt(1)
              + "|"
              + (reason.contains("(truncated)")
                  ? reason.substring(0, reason.indexOf("(truncated)") + 11)
                  : reason));
    }
    expected.sort(null);
    assertEquals(expected, got);
  }

  @Test
  void theRunReconcilesAndASecondRunAddsNothing() {
    IngestSummary first = SampleLake.firstRun();
    assertEquals("succeeded", first.status(), first.line());
    assertEquals(
        first.recordsRead(),
        first.written() + first.duplicates() + first.rejected() + first.filtered());
    assertEquals(4, first.rejected());
    assertEquals(1, first.otherObjects());
    // What the sample holds besides its log files, each named; all of it in CloudTrail's standard
    // form.
    assertEquals(
        "{\"digest-folder\":{\"count\":4,\"keys\":[\"AWSLogs/111122223333/CloudTrail-Digest/\","
            + "\"AWSLogs/o-a1b2c3d4e5/111122223333/CloudTrail-Digest/\",\"AWSLogs/o-a1b2c3d4e5/444455556666/CloudTrail-Digest/\"]},"
            + "\"insight-folder\":{\"count\":1,\"keys\":[\"AWSLogs/444455556666/CloudTrail-Insight/\"]},"
            + "\"other-object\":{\"count\":1,\"keys\":[\"AWSLogs/o-a1b2c3d4e5/444455556666/CloudTrail/us-east-1/2025/03/25/notes.txt\"]}}",
        first.skipped());
    assertEquals("{}", first.nonstandard());
    Config c = SampleLake.config();
    IngestSummary again =
        new Ingest(spark, c, Clock.systemUTC())
            .run(
                new DateRange(SampleLake.FIRST, SampleLake.LAST),
                Ingest.Mode.NEW_FILES,
                "second",
                "test");
    assertEquals(0, again.filesRead());
    assertEquals(first.filesListed(), again.filesSkipped());
    IngestSummary forced =
        new Ingest(spark, c, Clock.systemUTC())
            .run(
                new DateRange(SampleLake.FIRST, SampleLake.LAST),
                Ingest.Mode.REPROCESS,
                "forced",
                "test");
    assertEquals(0, forced.written());
    assertEquals(first.written() + first.duplicates(), forced.duplicates());
    assertEquals(first.written(), spark.read().format("delta").load(c.table("events")).count());
  }
}

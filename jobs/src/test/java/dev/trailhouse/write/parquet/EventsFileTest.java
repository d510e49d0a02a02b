package dev.trailhouse.write.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trailhouse.CorpusRecords;
import dev.trailhouse.TestSpark;
import dev.trailhouse.row.EventRow;
import dev.trailhouse.table.EventsTable;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Files written by {@link EventsFile} (and by {@link LibraryEventsFile}, the parquet-mr writer the
 * benchmark compares it with) read back through Spark's two Parquet readers (vectorized and
 * parquet-mr's row reader) as exactly the rows that went in: every record of the committed trails
 * plus rows made to hit the encodings' edges (nulls, empty and null maps and lists, long values,
 * many pages and row groups).
 */
class EventsFileTest {
  @TempDir Path dir;
  private final SparkSession spark = TestSpark.session();

  static List<Object[]> corpusRows() {
    return CorpusRecords.referenceRows();
  }

  /** Rows at the edges of each encoding, derived from a real row. */
  static List<Object[]> edgeRows(Object[] template, int copies) {
    List<Object[]> out = new ArrayList<>();
    int req = EventsTable.index(EventsTable.REQUEST_PARAMETERS);
    int res = EventsTable.index(EventsTable.RESOURCES);
    int ua = EventsTable.index(EventsTable.USER_AGENT);
    int ro = EventsTable.index(EventsTable.READ_ONLY);
    int t = EventsTable.index(EventsTable.EVENT_TIME);
    int id = EventsTable.index(EventsTable.EVENT_ID);
    for (int i = 0; i < copies; i++) {
      Object[] r = template.clone();
      r[id] = "edge-" + i;
      r[t] = Instant.ofEpochSecond(1_700_000_000L + i, (i % 1000) * 1000L);
      switch (i % 7) {
        case 0 -> r[req] = null;
        case 1 -> r[req] = new LinkedHashMap<String, String>();
        case 2 -> {
          Map<String, String> m = new LinkedHashMap<>();
          m.put("a", null);
          m.put("b.c", "x" + i);
          m.put("é[0]", "ünïcode ✓ " + i);
          r[req] = m;
        }
        case 3 -> r[res] = List.of();
        case 4 ->
            r[res] =
                List.of(
                    RowFactory.create(null, "123", null), RowFactory.create("arn:" + i, null, "T"));
        case 5 -> r[ua] = i < 100 ? "u".repeat(300_000 + i) : "ua " + (i % 5000);
        default -> {
          r[ro] = null;
          r[res] = null;
        }
      }
      out.add(r);
    }
    return out;
  }

  private static EventsWriter open(EventsWriter.Kind kind, Path file, long rowGroupBytes)
      throws java.io.IOException {
    return EventsWriter.open(
        kind,
        new org.apache.hadoop.fs.Path(file.toUri()),
        new Configuration(),
        rowGroupBytes,
        32,
        new EventsFile.Buffers());
  }

  private Path write(EventsWriter.Kind kind, List<Object[]> rows, long rowGroupBytes)
      throws Exception {
    Path file = dir.resolve("events-" + rows.size() + ".parquet");
    EventRow er = new EventRow();
    try (EventsWriter f = open(kind, file, rowGroupBytes)) {
      for (Object[] r : rows) {
        er.set(r);
        f.add(er);
      }
      EventsFile.Written w = f.finish();
      assertEquals(rows.size(), w.rows());
      assertTrue(w.size() > 0);
    }
    return file;
  }

  /** A row as text, data columns only; maps compared as sorted entries. */
  static String canonical(Object[] r) {
    StringBuilder b = new StringBuilder();
    for (var f : EventsSchema.DATA.fields()) {
      Object v = r[EventsTable.index(f.name())];
      b.append(f.name()).append('=').append(text(v)).append('\n');
    }
    return b.toString();
  }

  @SuppressWarnings("unchecked")
  private static String text(Object v) {
    if (v instanceof Map<?, ?> m) {
      return new TreeMap<>((Map<String, String>) m).toString();
    }
    if (v instanceof List<?> l) {
      List<String> items = new ArrayList<>();
      for (Object o : l) {
        items.add(((Row) o).mkString("<", "|", ">"));
      }
      return items.toString();
    }
    return String.valueOf(v);
  }

  private static String canonical(Row r) {
    Object[] values = new Object[EventsTable.COLUMNS.size()];
    for (var f : EventsSchema.DATA.fields()) {
      int i = r.fieldIndex(f.name());
      Object v = r.isNullAt(i) ? null : r.get(i);
      if (v instanceof scala.collection.Map<?, ?>) {
        v = r.getJavaMap(i);
      } else if (v instanceof scala.collection.Seq<?>) {
        v = r.getList(i);
      }
      values[EventsTable.index(f.name())] = v;
    }
    return canonical(values);
  }

  private void assertReadBack(Path file, List<Object[]> rows) {
    List<String> expected = new ArrayList<>();
    for (Object[] r : rows) {
      expected.add(canonical(r));
    }
    for (String vectorized : List.of("true", "false")) {
      spark.conf().set("spark.sql.parquet.enableVectorizedReader", vectorized);
      spark.conf().set("spark.sql.parquet.enableNestedColumnVectorizedReader", vectorized);
      try {
        List<String> actual = new ArrayList<>();
        for (Row r :
            spark.read().schema(EventsSchema.DATA).parquet(file.toString()).collectAsList()) {
          actual.add(canonical(r));
        }
        assertEquals(expected.size(), actual.size(), "rows, vectorized=" + vectorized);
        for (int i = 0; i < expected.size(); i++) {
          assertEquals(expected.get(i), actual.get(i), "row " + i + ", vectorized=" + vectorized);
        }
      } finally {
        spark.conf().unset("spark.sql.parquet.enableVectorizedReader");
        spark.conf().unset("spark.sql.parquet.enableNestedColumnVectorizedReader");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(EventsWriter.Kind.class)
  void everyCorpusRowReadsBackAsWritten(EventsWriter.Kind kind) throws Exception {
    List<Object[]> rows = corpusRows();
    assertTrue(rows.size() > 300, "corpus rows: " + rows.size());
    assertReadBack(write(kind, rows, 128L << 20), rows);
  }

  @ParameterizedTest
  @EnumSource(EventsWriter.Kind.class)
  void edgesPagesAndRowGroups(EventsWriter.Kind kind) throws Exception {
    List<Object[]> rows = new ArrayList<>(corpusRows());
    rows.addAll(edgeRows(rows.get(0), 50_000));
    Path file = write(kind, rows, 8L << 20);
    try (ParquetFileReader r =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
      assertTrue(r.getRowGroups().size() > 1, "row groups: " + r.getRowGroups().size());
      assertEquals(rows.size(), r.getRecordCount());
    }
    assertReadBack(file, rows);
  }

  @ParameterizedTest
  @EnumSource(EventsWriter.Kind.class)
  void fastPathRowsOfTheSampleTrailReadBackAsTheReferenceRows(EventsWriter.Kind kind)
      throws Exception {
    // Rows as ingest produces them: the file parser's fast path (identity tokens, source file
    // arrays) straight into the writer, several row groups.
    List<Object[]> expected = new ArrayList<>();
    Path file = dir.resolve("fast.parquet");
    dev.trailhouse.read.FileParser parser = new dev.trailhouse.read.FileParser(List.of());
    dev.trailhouse.flatten.EventFlattener reference = new dev.trailhouse.flatten.EventFlattener();
    try (EventsWriter f = open(kind, file, 1L << 20)) {
      for (int round = 0; round < 30; round++) {
        for (Path log :
            dev.trailhouse.TrailFixtureFiles.logFiles(dev.trailhouse.Repo.sampleTrail())) {
          dev.trailhouse.read.FileContent c = new dev.trailhouse.read.FileContent();
          try (var in = java.nio.file.Files.newInputStream(log)) {
            c.read(in);
          }
          dev.trailhouse.ledger.LogFile lf =
              new dev.trailhouse.ledger.LogFile(log.toUri().toString(), 1, 1, "a", "r", null);
          parser.parse(
              lf,
              c,
              row -> {
                try {
                  f.add(row);
                  expected.add(row.toObjects());
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              },
              reject -> {});
        }
      }
      f.finish();
    }
    assertTrue(
        parser.paths()[0] > parser.paths()[1] * 10,
        "mostly the fast path: " + parser.paths()[0] + "/" + parser.paths()[1]);
    assertReadBack(file, expected);
  }

  @ParameterizedTest
  @EnumSource(EventsWriter.Kind.class)
  void footerNamesTrailhouseAndReadersStillUseItsStatistics(EventsWriter.Kind kind)
      throws Exception {
    List<Object[]> rows = corpusRows();
    Path file = write(kind, rows, 128L << 20);
    String firstId =
        rows.stream()
            .map(r -> (String) r[EventsTable.index(EventsTable.EVENT_ID)])
            .sorted()
            .findFirst()
            .orElseThrow();
    try (ParquetFileReader r =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
      String createdBy = r.getFooter().getFileMetaData().getCreatedBy();
      assertTrue(createdBy.matches("trailhouse version \\d+\\.\\d+\\.\\d+.*"), createdBy);
      // parquet-mr ignores the statistics of string columns written by writers it distrusts
      // (CorruptStatistics); they must be there, and must let it skip a row group.
      var blocks = r.getFooter().getBlocks();
      var eventId =
          blocks.get(0).getColumns().stream()
              .filter(c -> c.getPath().toDotString().equals(EventsTable.EVENT_ID))
              .findFirst()
              .orElseThrow();
      assertTrue(
          eventId.getStatistics().hasNonNullValue(),
          "event_id statistics: " + eventId.getStatistics());
      var column =
          org.apache.parquet.filter2.predicate.FilterApi.binaryColumn(EventsTable.EVENT_ID);
      var schema = r.getFooter().getFileMetaData().getSchema();
      assertEquals(
          0,
          org.apache.parquet.filter2.compat.RowGroupFilter.filterRowGroups(
                  org.apache.parquet.filter2.compat.FilterCompat.get(
                      org.apache.parquet.filter2.predicate.FilterApi.eq(
                          column, org.apache.parquet.io.api.Binary.fromString("~ after every id"))),
                  blocks,
                  schema)
              .size());
      assertEquals(
          blocks.size(),
          org.apache.parquet.filter2.compat.RowGroupFilter.filterRowGroups(
                  org.apache.parquet.filter2.compat.FilterCompat.get(
                      org.apache.parquet.filter2.predicate.FilterApi.eq(
                          column, org.apache.parquet.io.api.Binary.fromString(firstId))),
                  blocks,
                  schema)
              .size());
    }
    assertReadBack(file, rows);
  }
}

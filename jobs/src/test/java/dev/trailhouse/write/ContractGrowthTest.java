package dev.trailhouse.write;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trailhouse.CorpusRecords;
import dev.trailhouse.Repo;
import dev.trailhouse.TestSpark;
import dev.trailhouse.config.TrailhouseException;
import dev.trailhouse.row.EventRow;
import dev.trailhouse.table.EventsTable;
import dev.trailhouse.write.parquet.EventsFile;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A contract that grows: an events table written by the contract of 2026-12 (a committed fixture)
 * takes a contract with one more nullable column in place; a removed or retyped column is refused.
 */
class ContractGrowthTest {
  /**
   * An events table written by Trailhouse's own writer with the events contract of 2026-12: 4 rows
   * of one day.
   */
  static final Path FIXTURE =
      Repo.root().resolve("jobs/src/test/resources/fixtures/events-contract-2026-12");

  static final LocalDate DAY = LocalDate.of(2025, 3, 24);

  /**
   * A column today's events contract does not have (CloudTrail Insights events carry
   * insightDetails).
   */
  static final String NEW = "insight_details_json";

  @TempDir Path dir;
  private final SparkSession spark = TestSpark.session();

  /** The events contract with one more nullable string column, after event_name. */
  static StructType grownContract() {
    assertEquals(
        true, EventsTable.SCHEMA.getFieldIndex(NEW).isEmpty(), NEW + " is in today's contract");
    List<StructField> fields = new ArrayList<>();
    for (StructField f : EventsTable.SCHEMA.fields()) {
      fields.add(f);
      if (f.name().equals(EventsTable.EVENT_NAME)) {
        fields.add(new StructField(NEW, DataTypes.StringType, true, Metadata.empty()));
      }
    }
    return new StructType(fields.toArray(new StructField[0]));
  }

  private String copyOfFixture() throws IOException {
    Path to = dir.resolve("events");
    try (Stream<Path> files = Files.walk(FIXTURE)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.copy(p, to.resolve(FIXTURE.relativize(p).toString()));
      }
    }
    return "file:" + to;
  }

  @Test
  void aNullableColumnIsAddedInPlaceAndOldRowsReadNull() throws Exception {
    String path = copyOfFixture();
    long before = DeltaTable.forPath(spark, path).history().count();
    List<String> oldIds = ids(spark.read().format("delta").load(path));
    assertEquals(4, oldIds.size());

    StructType grown = grownContract();
    DeltaTables.ensure(spark, path, grown, EventsTable.PROPERTIES, EventsTable.EVENT_DATE);
    DeltaTables.ensure(spark, path, grown, EventsTable.PROPERTIES, EventsTable.EVENT_DATE);

    // One schema change in the table's history, no data file rewritten; the second ensure changes
    // nothing.
    Row last = DeltaTable.forPath(spark, path).history(1).first();
    assertEquals("UPDATE SCHEMA", last.getAs("operation"));
    assertEquals(before + 1, DeltaTable.forPath(spark, path).history().count());
    Dataset<Row> table = spark.read().format("delta").load(path);
    assertEquals(Arrays.asList(grown.fieldNames()), Arrays.asList(table.schema().fieldNames()));
    assertEquals(DataTypes.StringType, table.schema().apply(NEW).dataType());

    // New rows carry the column: the old rows under new ids, with a value in it.
    Dataset<Row> newRows =
        table
            .withColumn(EventsTable.EVENT_ID, concat(lit("new-"), col(EventsTable.EVENT_ID)))
            .withColumn(NEW, lit("administration"));
    DeltaTables.append(
        spark,
        path,
        newRows.select(Arrays.stream(grown.fieldNames()).map(Column::new).toArray(Column[]::new)));

    List<Row> rows =
        spark
            .read()
            .format("delta")
            .load(path)
            .select(EventsTable.EVENT_ID, NEW)
            .orderBy(EventsTable.EVENT_ID)
            .collectAsList();
    assertEquals(8, rows.size());
    for (Row r : rows) {
      String id = r.getString(0);
      if (oldIds.contains(id)) {
        assertNull(r.get(1), id);
      } else {
        assertEquals(true, id.startsWith("new-") && oldIds.contains(id.substring(4)), id);
        assertEquals("administration", r.getString(1), id);
      }
    }
    assertEquals(4, rows.stream().filter(r -> r.isNullAt(1)).count());
  }

  @Test
  void aRemovedColumnIsRefusedWithTheFix() throws Exception {
    String path = copyOfFixture();
    DeltaTables.ensure(
        spark, path, grownContract(), EventsTable.PROPERTIES, EventsTable.EVENT_DATE);
    // The table now has a column that today's contract lacks: an older build meets a newer table.
    TrailhouseException e =
        assertThrows(
            TrailhouseException.class,
            () ->
                DeltaTables.ensure(
                    spark,
                    path,
                    EventsTable.SCHEMA,
                    EventsTable.PROPERTIES,
                    EventsTable.EVENT_DATE));
    assertEquals(
        "The table at "
            + path
            + " has the column insight_details_json (string), which its contract does not "
            + "have. Trailhouse adds the nullable columns a newer contract brings to a table in place, but never removes "
            + "or retypes one. Run the Trailhouse version that wrote the table, or point warehouse at a new folder and "
            + "ingest again.",
        e.getMessage());
    assertEquals(2, e.kind().exitCode());
  }

  @Test
  void aRetypedColumnIsRefusedWithTheFix() throws Exception {
    String path = copyOfFixture();
    List<StructField> fields = new ArrayList<>();
    for (StructField f : EventsTable.SCHEMA.fields()) {
      fields.add(
          f.name().equals(EventsTable.EVENT_NAME)
              ? new StructField(f.name(), DataTypes.LongType, true, Metadata.empty())
              : f);
    }
    StructType retyped = new StructType(fields.toArray(new StructField[0]));
    TrailhouseException e =
        assertThrows(
            TrailhouseException.class,
            () ->
                DeltaTables.ensure(
                    spark, path, retyped, EventsTable.PROPERTIES, EventsTable.EVENT_DATE));
    assertEquals(
        "The table at "
            + path
            + " has the column event_name as string where its contract has bigint. "
            + "Trailhouse adds the nullable columns a newer contract brings to a table in place, but never removes or "
            + "retypes one. Run the Trailhouse version that wrote the table, or point warehouse at a new folder and "
            + "ingest again.",
        e.getMessage());
  }

  @Test
  void anyTableTakesANewNullableColumnButNotANotNullOne() {
    String path = "file:" + dir.resolve("runs");
    StructType v1 =
        new StructType().add("run_id", DataTypes.StringType, false).add("rows", DataTypes.LongType);
    DeltaTables.ensure(spark, path, v1);
    DeltaTables.append(
        spark,
        path,
        spark.createDataFrame(List.of(org.apache.spark.sql.RowFactory.create("a", 1L)), v1));
    StructType notNull = v1.add("status", DataTypes.StringType, false);
    TrailhouseException e =
        assertThrows(TrailhouseException.class, () -> DeltaTables.ensure(spark, path, notNull));
    assertEquals(
        "The table at "
            + path
            + " lacks the column status (string NOT NULL) of its contract, which cannot be "
            + "added as NOT NULL to the rows already there. Trailhouse adds the nullable columns a newer contract brings "
            + "to a table in place, but never removes or retypes one. Run the Trailhouse version that wrote the table, or "
            + "point warehouse at a new folder and ingest again.",
        e.getMessage());

    StructType v2 =
        new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("status", DataTypes.StringType)
            .add("rows", DataTypes.LongType);
    DeltaTables.ensure(spark, path, v2);
    DeltaTables.append(
        spark,
        path,
        spark.createDataFrame(List.of(org.apache.spark.sql.RowFactory.create("b", "ok", 2L)), v2));
    assertEquals(
        List.of("[a,null,1]", "[b,ok,2]"),
        spark.read().format("delta").load(path).orderBy("run_id").collectAsList().stream()
            .map(Row::toString)
            .toList());
  }

  private static List<String> ids(Dataset<Row> table) {
    return table.select(EventsTable.EVENT_ID).orderBy(EventsTable.EVENT_ID).collectAsList().stream()
        .map(r -> r.getString(0))
        .toList();
  }

  /**
   * Writes the fixture with today's contract and writer: {@code GENERATE_FIXTURE=1}, then review
   * the diff.
   */
  @Test
  @EnabledIfEnvironmentVariable(named = "GENERATE_FIXTURE", matches = "1")
  void generateFixture() throws Exception {
    Path out = dir.resolve("fixture");
    String path = "file:" + out;
    List<Object[]> corpus = CorpusRecords.referenceRows();
    EventsCommit commit = EventsCommit.begin(spark, path, Set.of(DAY));
    String file =
        path + "/" + EventsTable.EVENT_DATE + "=" + DAY + "/part-00000-fixture.c000.snappy.parquet";
    EventRow er = new EventRow();
    EventsFile.Written w;
    try (EventsFile f =
        new EventsFile(new org.apache.hadoop.fs.Path(file), new Configuration(), 64L << 20, 32)) {
      for (int i = 0; i < 4; i++) {
        Object[] r = corpus.get(i).clone();
        r[EventsTable.index(EventsTable.EVENT_DATE)] = DAY;
        er.set(r);
        f.add(er);
      }
      w = f.finish();
    }
    commit.commit(List.of(w), List.of(DAY), "fixture");
    try (Stream<Path> old = Files.exists(FIXTURE) ? Files.walk(FIXTURE) : Stream.empty()) {
      old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    Files.createDirectories(FIXTURE.getParent());
    try (Stream<Path> files = Files.walk(out)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        if (!name.endsWith(".crc")) {
          Files.copy(p, FIXTURE.resolve(out.relativize(p).toString()));
        }
      }
    }
  }
}

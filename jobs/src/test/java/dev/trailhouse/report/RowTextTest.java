package dev.trailhouse.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trailhouse.TestSpark;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/**
 * The report files' lines, formatted from Spark's internal rows, are byte for byte Cells.csvLine of
 * the values' text and Spark's Row.json(), for the report tables' columns.
 */
class RowTextTest {
  private final SparkSession spark = TestSpark.session();

  private static final List<String> TEXTS =
      List.of(
          "",
          "plain",
          "quote \" and \\ backslash / slash",
          "controls \u0000\u0001\u0007\b\t\n\f\r\u001f\u007f end",
          "\u0080\u009f\u00a0 latin-1 edge",
          "\u2028\u2029 separators",
          "\u00e9\u4e2d\ud83d\ude00 non-ASCII",
          "lone surrogate-free \uFFFF",
          "<script>alert('x')</script>",
          "=HYPERLINK(\"a\")",
          "a,b",
          "\ttab first",
          "-1",
          "@SUM(A1)",
          "+cmd",
          "\rcr first",
          "\"quoted\"",
          "line\nbreak",
          "=\u00e9,\"x\"");

  private static final List<Instant> TIMES =
      List.of(
          Instant.parse("2025-03-24T00:00:00Z"),
          Instant.parse("2025-03-24T23:59:59.999999Z"),
          Instant.parse("2025-03-24T10:11:12.100Z"),
          Instant.parse("2025-03-24T10:11:12.000123Z"),
          Instant.parse("0001-01-01T00:00:00Z"),
          Instant.parse("9999-12-31T23:59:59.5Z"),
          Instant.parse("1969-12-31T23:59:59.999999Z"));

  @Test
  void accessAndChangeRowsAreWrittenAsCellsAndRowJsonWriteThem() throws Exception {
    for (StructType schema : List.of(AccessDailyTable.SCHEMA, ChangesDailyTable.SCHEMA)) {
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < 120; i++) {
        Object[] v = new Object[schema.size()];
        for (int c = 0; c < v.length; c++) {
          v[c] = (i + c) % 7 == 0 ? null : value(schema.fields()[c].dataType(), i + c);
        }
        rows.add(RowFactory.create(v));
      }
      // Through Spark, so the rows are as a Dataset gives them to tasks: external for the expected
      // lines, internal (Spark's own, copied) for ours.
      org.apache.spark.sql.Dataset<Row> df = spark.createDataFrame(rows, schema);
      List<Row> back = df.collectAsList();
      List<InternalRow> internal =
          df.queryExecution().toRdd().toJavaRDD().map(InternalRow::copy).collect();
      assertEquals(back.size(), internal.size());
      StringBuilder csv = new StringBuilder();
      StringBuilder json = new StringBuilder();
      ByteArrayOutputStream csvOut = new ByteArrayOutputStream();
      ByteArrayOutputStream jsonOut = new ByteArrayOutputStream();
      RowText text = new RowText(schema, java.time.ZoneOffset.UTC, csvOut, jsonOut);
      for (int k = 0; k < back.size(); k++) {
        Row r = back.get(k);
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < schema.size(); c++) {
          cells.add(ReportFiles.text(r.get(c)));
        }
        csv.append(Cells.csvLine(cells));
        json.append(r.json()).append('\n');
        text.write(internal.get(k));
      }
      text.flush();
      assertEquals(csv.toString(), csvOut.toString(StandardCharsets.UTF_8), schema.simpleString());
      assertEquals(
          json.toString(), jsonOut.toString(StandardCharsets.UTF_8), schema.simpleString());
      assertArrayEquals(csv.toString().getBytes(StandardCharsets.UTF_8), csvOut.toByteArray());
      assertArrayEquals(json.toString().getBytes(StandardCharsets.UTF_8), jsonOut.toByteArray());
    }
  }

  /** Malformed UTF-8 in a value is replaced as Spark's Java strings replace it, in both files. */
  @Test
  void malformedUtf8IsWrittenAsSparksStringsHaveIt() throws Exception {
    StructType schema =
        new StructType()
            .add("x", DataTypes.StringType)
            .add("y", DataTypes.createArrayType(DataTypes.StringType));
    UTF8String bad =
        UTF8String.fromBytes(
            new byte[] {
              '=',
              'a',
              (byte) 0xC3,
              '(',
              ',',
              (byte) 0xFF,
              '"',
              (byte) 0xED,
              (byte) 0xA0,
              (byte) 0x80
            });
    InternalRow row =
        new GenericInternalRow(
            new Object[] {
              bad, new GenericArrayData(new Object[] {UTF8String.fromString("ok"), bad})
            });
    ByteArrayOutputStream csvOut = new ByteArrayOutputStream();
    ByteArrayOutputStream jsonOut = new ByteArrayOutputStream();
    RowText text = new RowText(schema, java.time.ZoneOffset.UTC, csvOut, jsonOut);
    text.write(row);
    text.flush();
    String decoded = bad.toString();
    Row external =
        new GenericRowWithSchema(
            new Object[] {
              decoded, scala.collection.JavaConverters.asScalaBuffer(List.of("ok", decoded)).toSeq()
            },
            schema);
    assertEquals(
        Cells.csvLine(List.of(decoded, "ok;" + decoded)), csvOut.toString(StandardCharsets.UTF_8));
    assertEquals(external.json() + "\n", jsonOut.toString(StandardCharsets.UTF_8));
  }

  /**
   * Values longer than the scratch and output buffers, then short ones again: growth keeps what it
   * must.
   */
  @Test
  void longValuesAreWrittenWhole() throws Exception {
    StructType schema =
        new StructType()
            .add("x", DataTypes.StringType)
            .add("y", DataTypes.createArrayType(DataTypes.StringType));
    StringBuilder big = new StringBuilder("=");
    for (int i = 0; big.length() < 300_000; i++) {
      big.append("{\"k").append(i).append("\":\"v,\\\t\"} ");
    }
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      many.add("10.0." + i + ".1-\"agent/" + i + "\"-abcdefghijklmnopqrstuvwxyz");
    }
    List<String> manyAndBig = new ArrayList<>(many);
    manyAndBig.add(big.toString());
    // First an array whose joined text outgrows the scratch buffer while it is being joined.
    List<Object[]> values =
        List.of(
            new Object[] {"short", many},
            new Object[] {big.toString(), many},
            new Object[] {"short", List.of("a", "b")},
            new Object[] {big + "\u00e9", manyAndBig},
            new Object[] {"", List.of()});
    ByteArrayOutputStream csvOut = new ByteArrayOutputStream();
    ByteArrayOutputStream jsonOut = new ByteArrayOutputStream();
    RowText text = new RowText(schema, java.time.ZoneOffset.UTC, csvOut, jsonOut);
    StringBuilder csv = new StringBuilder();
    StringBuilder json = new StringBuilder();
    for (Object[] v : values) {
      @SuppressWarnings("unchecked")
      List<String> items = (List<String>) v[1];
      Object[] utf8 = items.stream().map(UTF8String::fromString).toArray();
      text.write(
          new GenericInternalRow(
              new Object[] {UTF8String.fromString((String) v[0]), new GenericArrayData(utf8)}));
      csv.append(Cells.csvLine(List.of((String) v[0], String.join(";", items))));
      json.append(
              new GenericRowWithSchema(
                      new Object[] {
                        v[0], scala.collection.JavaConverters.asScalaBuffer(items).toSeq()
                      },
                      schema)
                  .json())
          .append('\n');
    }
    text.flush();
    assertArrayEquals(csv.toString().getBytes(StandardCharsets.UTF_8), csvOut.toByteArray());
    assertArrayEquals(json.toString().getBytes(StandardCharsets.UTF_8), jsonOut.toByteArray());
  }

  private static Object value(org.apache.spark.sql.types.DataType t, int i) {
    if (t.equals(DataTypes.StringType)) {
      return TEXTS.get(i % TEXTS.size());
    } else if (t.equals(DataTypes.LongType)) {
      return i % 3 == 0 ? Long.MIN_VALUE + i : (long) i * 1_000_003L;
    } else if (t.equals(DataTypes.BooleanType)) {
      return i % 2 == 0;
    } else if (t.equals(DataTypes.DateType)) {
      return LocalDate.of(2025, 3, 24).plusDays(i);
    } else if (t.equals(DataTypes.TimestampType)) {
      return TIMES.get(i % TIMES.size());
    }
    List<String> items = new ArrayList<>(TEXTS.subList(0, i % TEXTS.size()));
    if (i % 5 == 1) {
      items.add(null);
    }
    if (i % 4 == 2) {
      items =
          new ArrayList<>(
              items.subList(Math.min(2, items.size()), items.size())); // some all-ASCII arrays
      items.removeIf(s -> s != null && !s.chars().allMatch(ch -> ch < 128));
    }
    return scala.collection.JavaConverters.asScalaBuffer(items).toSeq();
  }

  @Test
  void aColumnTypeItCannotWriteIsRefused() {
    StructType schema = new StructType().add("x", DataTypes.DoubleType);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new RowText(
                schema,
                java.time.ZoneOffset.UTC,
                new ByteArrayOutputStream(),
                new ByteArrayOutputStream()));
  }
}

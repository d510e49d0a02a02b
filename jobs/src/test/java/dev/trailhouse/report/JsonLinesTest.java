package dev.trailhouse.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trailhouse.TestSpark;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Our JSON lines are Spark's Row.json(), byte for byte, for the report tables' columns. */
class JsonLinesTest {
  private final SparkSession spark = TestSpark.session();

  private static final List<String> TEXTS = List.of("", "plain", "quote \" and \\ backslash / slash",
      "controls \u0000\u0001\u0007\b\t\n\f\r\u001f\u007f end", "\u0080\u009f\u00a0 latin-1 edge", "\u2028\u2029 separators",
      "\u00e9\u4e2d\ud83d\ude00 non-ASCII", "lone surrogate-free \uFFFF", "<script>alert('x')</script>", "=HYPERLINK(\"a\")");

  private static final List<Instant> TIMES = List.of(Instant.parse("2025-03-24T00:00:00Z"), Instant.parse("2025-03-24T23:59:59.999999Z"),
      Instant.parse("2025-03-24T10:11:12.100Z"), Instant.parse("2025-03-24T10:11:12.000123Z"), Instant.parse("0001-01-01T00:00:00Z"),
      Instant.parse("9999-12-31T23:59:59.5Z"));

  @Test
  void accessAndChangeRowsAreWrittenAsRowJsonWritesThem() throws Exception {
    for (StructType schema : List.of(AccessDailyTable.SCHEMA, ChangesDailyTable.SCHEMA)) {
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        Object[] v = new Object[schema.size()];
        for (int c = 0; c < v.length; c++) {
          v[c] = (i + c) % 7 == 0 ? null : value(schema.fields()[c].dataType(), i + c);
        }
        rows.add(RowFactory.create(v));
      }
      // Through Spark, so the rows are as a Dataset gives them to tasks (with their schema).
      List<Row> back = spark.createDataFrame(rows, schema).collectAsList();
      StringWriter ours = new StringWriter();
      StringBuilder spark = new StringBuilder();
      try (JsonLines json = new JsonLines(ours, schema, java.time.ZoneOffset.UTC)) {
        for (Row r : back) {
          json.write(r);
          spark.append(r.json()).append('\n');
        }
      }
      assertEquals(spark.toString(), ours.toString(), schema.simpleString());
    }
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
    return scala.collection.JavaConverters.asScalaBuffer(items).toSeq();
  }

  @Test
  void aColumnTypeItCannotWriteIsRefused() {
    StructType schema = new StructType().add("x", DataTypes.DoubleType);
    assertThrows(IllegalArgumentException.class, () -> new JsonLines(new StringWriter(), schema, java.time.ZoneOffset.UTC));
    assertEquals(List.of("x"), Arrays.asList(schema.fieldNames()));
  }
}

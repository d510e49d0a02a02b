package dev.trailhouse;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import com.holdenkarau.spark.testing.SparkSessionProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * spark-testing-base's DataFrame assertions from JUnit Jupiter, on the test JVM's one session (its
 * JUnit 4 lifecycle, which would start a second context, is never run). A mismatch throws an
 * AssertionError that names the differing rows. Call {@link #share} in {@code @BeforeAll}.
 */
public final class DataFrames {
  private static final JavaDataFrameSuiteBase BASE = new JavaDataFrameSuiteBase();

  private DataFrames() {}

  /** Hands spark-testing-base the shared session. */
  public static void share(SparkSession spark) {
    SparkSessionProvider._sparkSession_$eq(spark);
  }

  /** Same schema and the same rows in the same order. */
  public static void assertEquals(Dataset<Row> expected, Dataset<Row> actual) {
    BASE.assertDataFrameEquals(expected, actual, BASE.assertDataFrameEquals$default$3());
  }

  /** Same schema and the same rows, in any order. */
  public static void assertNoOrderEquals(Dataset<Row> expected, Dataset<Row> actual) {
    BASE.assertDataFrameNoOrderEquals(expected, actual);
  }

  /** The same rows (values only, columns by position), collected to the driver. */
  public static void assertSmallDataEquals(Dataset<Row> expected, Dataset<Row> actual) {
    BASE.assertSmallDataFrameDataEquals(expected, actual);
  }

  /**
   * A golden file (a header line, then one row a line, fields split by {@code delimiter}, the text
   * {@code null} for a null) as a DataFrame of {@code schema}, whose names must be the header's.
   */
  public static Dataset<Row> golden(
      SparkSession spark, Path file, String delimiter, StructType schema) throws IOException {
    return golden(spark, Files.readAllLines(file, StandardCharsets.UTF_8), delimiter, schema);
  }

  /** {@link #golden(SparkSession, Path, String, StructType)} of lines already read. */
  public static Dataset<Row> golden(
      SparkSession spark, List<String> lines, String delimiter, StructType schema) {
    String split = Pattern.quote(delimiter);
    if (!String.join(delimiter, schema.fieldNames()).equals(lines.get(0))) {
      throw new AssertionError(
          "golden header " + lines.get(0) + " is not the schema's " + schema.simpleString());
    }
    List<Row> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(split, -1);
      StructField[] fields = schema.fields();
      if (f.length != fields.length) {
        throw new AssertionError(
            "golden line has " + f.length + " fields, not " + fields.length + ": " + line);
      }
      Object[] values = new Object[f.length];
      for (int i = 0; i < f.length; i++) {
        values[i] = "null".equals(f[i]) ? null : value(f[i], fields[i].dataType());
      }
      rows.add(RowFactory.create(values));
    }
    return spark.createDataFrame(rows, schema);
  }

  private static Object value(String s, DataType t) {
    if (t.equals(DataTypes.StringType)) {
      return s;
    } else if (t.equals(DataTypes.LongType)) {
      return Long.parseLong(s);
    } else if (t.equals(DataTypes.IntegerType)) {
      return Integer.parseInt(s);
    } else if (t.equals(DataTypes.BooleanType)) {
      return Boolean.parseBoolean(s);
    } else if (t.equals(DataTypes.DateType)) {
      return LocalDate.parse(s);
    }
    throw new IllegalArgumentException("no golden-file reading for " + t);
  }
}

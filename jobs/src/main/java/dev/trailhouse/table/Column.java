package dev.trailhouse.table;

import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** One column of a Trailhouse table: its name, type and the meaning documented in the README. */
public record Column(String name, DataType type, String description) {

  /** The Spark schema of a list of columns, all nullable. */
  public static StructType schema(List<Column> columns) {
    StructField[] fields = new StructField[columns.size()];
    for (int i = 0; i < fields.length; i++) {
      Column c = columns.get(i);
      fields[i] =
          new StructField(c.name(), c.type(), true, org.apache.spark.sql.types.Metadata.empty());
    }
    return new StructType(fields);
  }
}

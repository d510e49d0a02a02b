package dev.trailhouse.write.parquet;

import dev.trailhouse.table.EventsTable;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.execution.datasources.parquet.SparkToParquetSchemaConverter;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.StructType;

/**
 * The Parquet schema of an {@code events} data file: the table's columns without the partition
 * column, converted by Spark's own converter (standard 3-level lists and maps, strings as UTF-8
 * binaries), with timestamps as INT64 microseconds adjusted to UTC.
 */
public final class EventsSchema {
  /** The data columns: every column but {@link EventsTable#EVENT_DATE}, in table order. */
  public static final StructType DATA = dataSchema();

  private EventsSchema() {}

  private static StructType dataSchema() {
    StructType s = new StructType();
    for (var f : EventsTable.SCHEMA.fields()) {
      if (!f.name().equals(EventsTable.EVENT_DATE)) {
        s = s.add(f);
      }
    }
    return s;
  }

  public static MessageType parquet() {
    SQLConf conf = new SQLConf();
    conf.setConfString("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
    conf.setConfString("spark.sql.parquet.writeLegacyFormat", "false");
    return new SparkToParquetSchemaConverter(conf).convert(DATA);
  }
}

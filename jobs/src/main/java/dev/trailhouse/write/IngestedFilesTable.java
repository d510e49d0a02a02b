package dev.trailhouse.write;

import static org.apache.spark.sql.functions.col;

import dev.trailhouse.ledger.FileOutcome;
import dev.trailhouse.ledger.LogFile;
import dev.trailhouse.table.Column;
import io.delta.tables.DeltaTable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code ingested_files} manifest: one row per log file an ingest run read whole. A later run
 * skips a file with the same URI, size and modification time (unless --reprocess).
 */
public final class IngestedFilesTable {
  public static final String NAME = dev.trailhouse.table.Tables.INGESTED_FILES;
  public static final String PATH = "path";
  public static final String SIZE = "size";
  public static final String MODIFICATION_TIME = "modification_time";
  public static final String DELIVERY_DATE = "delivery_date";
  public static final String ACCOUNT_ID = "account_id";
  public static final String REGION = "region";
  public static final String RECORDS = "records";
  public static final String EVENTS = "events";
  public static final String FILTERED = "filtered";
  public static final String REJECTED = "rejected";
  public static final String RUN_ID = "run_id";
  public static final String INGESTED_AT = "ingested_at";

  public static final List<Column> COLUMNS =
      List.of(
          new Column(PATH, DataTypes.StringType, "URI of the log file as listed."),
          new Column(SIZE, DataTypes.LongType, "Size in bytes as listed."),
          new Column(
              MODIFICATION_TIME,
              DataTypes.LongType,
              "Modification time as listed (epoch milliseconds)."),
          new Column(
              DELIVERY_DATE, DataTypes.DateType, "The delivery day folder; the partition column."),
          new Column(ACCOUNT_ID, DataTypes.StringType, "Account of the folder."),
          new Column(REGION, DataTypes.StringType, "Region of the folder."),
          new Column(RECORDS, DataTypes.LongType, "Record units read from the file."),
          new Column(EVENTS, DataTypes.LongType, "Event rows it gave (before de-duplication)."),
          new Column(FILTERED, DataTypes.LongType, "Events dropped by the `sources` filter."),
          new Column(REJECTED, DataTypes.LongType, "Rejected records."),
          new Column(RUN_ID, DataTypes.StringType, "The run that read it."),
          new Column(INGESTED_AT, DataTypes.TimestampType, "When that run started."));

  public static final StructType SCHEMA = Column.schema(COLUMNS);

  private IngestedFilesTable() {}

  /**
   * Identities ({@link LogFile#identity()}) of the files already ingested in these delivery days.
   */
  public static Set<String> ingested(SparkSession spark, String path, List<LocalDate> days) {
    Set<String> out = new HashSet<>();
    if (!DeltaTable.isDeltaTable(spark, path) || days.isEmpty()) {
      return out;
    }
    List<Row> rows =
        spark
            .read()
            .format("delta")
            .load(path)
            .where(col(DELIVERY_DATE).isin(days.toArray()))
            .select(PATH, SIZE, MODIFICATION_TIME)
            .collectAsList();
    for (Row r : rows) {
      out.add(r.getString(0) + "|" + r.getLong(1) + "|" + r.getLong(2));
    }
    return out;
  }

  /** Creates the table if there is none. */
  public static void ensure(SparkSession spark, String path) {
    DeltaTables.ensure(spark, path, SCHEMA, DELIVERY_DATE);
  }

  /** Records the files read whole by a run. */
  public static void write(
      SparkSession spark, String path, List<FileOutcome> outcomes, String runId, Instant at) {
    List<Row> rows = new ArrayList<>();
    for (FileOutcome o : outcomes) {
      if (!o.readable()) {
        continue;
      }
      LogFile f = o.file();
      rows.add(
          RowFactory.create(
              f.uri(),
              f.size(),
              f.modificationTime(),
              f.deliveryDate(),
              f.accountId(),
              f.region(),
              o.records(),
              o.events(),
              o.filtered(),
              o.rejected(),
              runId,
              at));
    }
    ensure(spark, path);
    if (!rows.isEmpty()) {
      DeltaTables.append(spark, path, spark.createDataFrame(rows, SCHEMA));
    }
  }
}

package dev.trailhouse.write;

import dev.trailhouse.table.Column;
import static org.apache.spark.sql.functions.col;

import dev.trailhouse.ledger.FileOutcome;
import dev.trailhouse.ledger.Reject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The {@code rejects} table: every unreadable file or record, with where it was and why. */
public final class RejectsTable {
  public static final String NAME = dev.trailhouse.table.Tables.REJECTS;
  public static final String SOURCE_FILE = "source_file";
  public static final String RECORD_INDEX = "record_index";
  public static final String BYTE_OFFSET = "byte_offset";
  public static final String REASON = "reason";
  public static final String SNIPPET = "snippet";
  public static final String DELIVERY_DATE = "delivery_date";
  public static final String ACCOUNT_ID = "account_id";
  public static final String REGION = "region";
  public static final String RUN_ID = "run_id";
  public static final String REJECTED_AT = "rejected_at";

  public static final List<Column> COLUMNS =
      List.of(
          new Column(SOURCE_FILE, DataTypes.StringType, "URI of the log file."),
          new Column(RECORD_INDEX, DataTypes.IntegerType, "0-based position in `Records`; -1 when the file as a whole (or its damaged tail) is the problem."),
          new Column(BYTE_OFFSET, DataTypes.LongType, "Offset in the decompressed file where the problem starts."),
          new Column(REASON, DataTypes.StringType, "Why the record or file was rejected, in words."),
          new Column(SNIPPET, DataTypes.StringType, "Up to 300 characters of the record (control characters replaced by ?)."),
          new Column(DELIVERY_DATE, DataTypes.DateType, "The delivery day folder of the file."),
          new Column(ACCOUNT_ID, DataTypes.StringType, "Account of the file's folder."),
          new Column(REGION, DataTypes.StringType, "Region of the file's folder."),
          new Column(RUN_ID, DataTypes.StringType, "The ingest run that first rejected it."),
          new Column(REJECTED_AT, DataTypes.TimestampType, "When that run started."));

  public static final StructType SCHEMA = Column.schema(COLUMNS);

  private RejectsTable() {}

  /** Creates the table if there is none. */
  public static void ensure(SparkSession spark, String path) {
    DeltaTables.ensure(spark, path, SCHEMA);
  }

  /** Records the rejects of a run; a reject already recorded (same file and position) is not added again. */
  public static long write(SparkSession spark, String path, List<FileOutcome> outcomes, String runId, Instant at) {
    List<Row> rows = new ArrayList<>();
    for (FileOutcome o : outcomes) {
      for (Reject r : o.rejects()) {
        rows.add(
            RowFactory.create(
                r.file(),
                r.recordIndex(),
                r.byteOffset(),
                r.reason(),
                r.snippet(),
                o.file().deliveryDate(),
                o.file().accountId(),
                o.file().region(),
                runId,
                at));
      }
    }
    ensure(spark, path);
    if (rows.isEmpty()) {
      return 0;
    }
    Dataset<Row> source = spark.createDataFrame(rows, SCHEMA);
    org.apache.spark.sql.Column key =
        col("t." + SOURCE_FILE).equalTo(col("s." + SOURCE_FILE))
            .and(col("t." + RECORD_INDEX).equalTo(col("s." + RECORD_INDEX)));
    return DeltaTables.insertNew(spark, path, source, key, "rejects:" + runId).inserted();
  }
}

package dev.trailhouse.write;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.trailhouse.ledger.Reject;
import dev.trailhouse.table.Column;
import io.delta.tables.DeltaTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code rejects} table: every unreadable file or record, with where it was and why. A file
 * that could not be read at all is retried by the next run; the run that reads it marks that reject
 * resolved ({@code resolved_by_run}, {@code resolved_at}).
 */
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
  public static final String RESOLVED_BY_RUN = "resolved_by_run";
  public static final String RESOLVED_AT = "resolved_at";

  public static final List<Column> COLUMNS =
      List.of(
          new Column(SOURCE_FILE, DataTypes.StringType, "URI of the log file."),
          new Column(
              RECORD_INDEX,
              DataTypes.IntegerType,
              "0-based position in `Records`; -1 when the file as a whole (or its damaged tail) is the problem."),
          new Column(
              BYTE_OFFSET,
              DataTypes.LongType,
              "Offset in the decompressed file where the problem starts; -1 when the file could not be read at all."),
          new Column(
              REASON, DataTypes.StringType, "Why the record or file was rejected, in words."),
          new Column(
              SNIPPET,
              DataTypes.StringType,
              "Up to 300 characters of the record (control characters replaced by ?)."),
          new Column(DELIVERY_DATE, DataTypes.DateType, "The delivery day folder of the file."),
          new Column(ACCOUNT_ID, DataTypes.StringType, "Account of the file's folder."),
          new Column(REGION, DataTypes.StringType, "Region of the file's folder."),
          new Column(RUN_ID, DataTypes.StringType, "The ingest run that first rejected it."),
          new Column(REJECTED_AT, DataTypes.TimestampType, "When that run started."),
          new Column(
              RESOLVED_BY_RUN,
              DataTypes.StringType,
              "A file that could not be read (byte_offset -1): the later run that read it, which superseded this reject; null while open."),
          new Column(
              RESOLVED_AT, DataTypes.TimestampType, "When that run started; null while open."));

  public static final StructType SCHEMA = Column.schema(COLUMNS);

  /** Where read tasks leave their reject files for a run to MERGE (a folder Delta ignores). */
  public static final String SIDE_FOLDER = "_trailhouse_rejects";

  private RejectsTable() {}

  static Column column(String name) {
    return COLUMNS.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  /**
   * Creates the table if there is none, and adds the columns a table made by an older release
   * lacks.
   */
  public static void ensure(SparkSession spark, String path) {
    DeltaTables.ensure(spark, path, SCHEMA);
    DeltaTables.addMissingColumns(spark, path, SCHEMA);
  }

  /**
   * MERGEs the rejects the read tasks wrote to {@code files}; a reject already recorded and open
   * (same file, position and offset) is not added again. Returns the rejects added.
   */
  public static long write(
      SparkSession spark, String path, List<String> files, String runId, Instant at) {
    ensure(spark, path);
    if (files.isEmpty()) {
      return 0;
    }
    Dataset<Row> source =
        spark
            .read()
            .schema(RejectFile.SCHEMA)
            .json(files.toArray(new String[0]))
            .withColumn(RUN_ID, lit(runId))
            .withColumn(REJECTED_AT, lit(java.sql.Timestamp.from(at)))
            .withColumn(RESOLVED_BY_RUN, lit(null).cast(DataTypes.StringType))
            .withColumn(RESOLVED_AT, lit(null).cast(DataTypes.TimestampType))
            .select(
                COLUMNS.stream()
                    .map(c -> col(c.name()))
                    .toArray(org.apache.spark.sql.Column[]::new));
    org.apache.spark.sql.Column key =
        col("t." + SOURCE_FILE)
            .equalTo(col("s." + SOURCE_FILE))
            .and(col("t." + RECORD_INDEX).equalTo(col("s." + RECORD_INDEX)))
            .and(col("t." + BYTE_OFFSET).equalTo(col("s." + BYTE_OFFSET)))
            .and(col("t." + RESOLVED_BY_RUN).isNull());
    return DeltaTables.insertNew(spark, path, source, key, "rejects:" + runId).inserted();
  }

  /**
   * Marks resolved the open rejects of files that could not be read which this run has now read
   * ({@code filesRead}: URIs). Returns how many it marked.
   */
  public static long resolve(
      SparkSession spark, String path, Set<String> filesRead, String runId, Instant at) {
    if (filesRead.isEmpty() || !DeltaTable.isDeltaTable(spark, path)) {
      return 0;
    }
    org.apache.spark.sql.Column open =
        col(RECORD_INDEX)
            .equalTo(-1)
            .and(col(BYTE_OFFSET).equalTo(Reject.UNREAD))
            .and(col(RESOLVED_BY_RUN).isNull());
    List<String> read = new ArrayList<>();
    for (Row r :
        spark
            .read()
            .format("delta")
            .load(path)
            .where(open)
            .select(SOURCE_FILE)
            .distinct()
            .collectAsList()) {
      if (filesRead.contains(r.getString(0))) {
        read.add(r.getString(0));
      }
    }
    if (read.isEmpty()) {
      return 0;
    }
    Map<String, org.apache.spark.sql.Column> set =
        Map.of(RESOLVED_BY_RUN, lit(runId), RESOLVED_AT, lit(java.sql.Timestamp.from(at)));
    DeltaTables.retry(
        "resolve rejects in " + path,
        () -> {
          DeltaTable.forPath(spark, path)
              .update(open.and(col(SOURCE_FILE).isin(read.toArray())), set);
          return null;
        });
    return read.size();
  }
}

package dev.trailhouse.write;

import static org.apache.spark.sql.functions.col;

import dev.trailhouse.ledger.RunRecord;
import dev.trailhouse.table.Column;
import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code command_runs} ledger: every run of a command that writes a table, as append-only
 * status rows. Appends never conflict in Delta, so concurrent runs never retry or lose a row; a
 * run's status is its latest row (the {@code run_status} view).
 */
public final class CommandRunsTable {
  public static final String NAME = dev.trailhouse.table.Tables.COMMAND_RUNS;
  public static final String RUN_ID = "run_id";
  public static final String COMMAND = "command";
  public static final String ARGUMENTS = "arguments";
  public static final String STATUS = "status";
  public static final String MESSAGE = "message";
  public static final String STARTED_AT = "started_at";
  public static final String RECORDED_AT = "recorded_at";
  public static final String LEASE_UNTIL = "lease_until";
  public static final String HOST = "host";
  public static final String PID = "pid";
  public static final String FOUND_BY = "found_by";

  public static final List<Column> COLUMNS =
      List.of(
          new Column(
              RUN_ID,
              DataTypes.StringType,
              "Unique id of the run (the run_id of its ingest_runs, rejects and ingested_files rows)."),
          new Column(COMMAND, DataTypes.StringType, "ingest, report, verify or maintain."),
          new Column(
              ARGUMENTS,
              DataTypes.StringType,
              "The command line, secret-looking --set values masked."),
          new Column(
              STATUS,
              DataTypes.StringType,
              "running, succeeded, failed or abandoned; a run's status is its latest row's (view run_status)."),
          new Column(
              MESSAGE,
              DataTypes.StringType,
              "failed: the error; abandoned: how it was found; else null."),
          new Column(STARTED_AT, DataTypes.TimestampType, "Start of the run."),
          new Column(
              RECORDED_AT,
              DataTypes.TimestampType,
              "When this row was written: the start, a heartbeat (every 2 minutes while the run lives), the end, or when a later run found it abandoned."),
          new Column(
              LEASE_UNTIL,
              DataTypes.TimestampType,
              "running rows: recorded_at + 10 minutes. A later run marks a run abandoned when its latest row is running and this has passed, or at once when it ran on the same host and its pid is gone."),
          new Column(HOST, DataTypes.StringType, "Host name of the run's driver."),
          new Column(PID, DataTypes.LongType, "Process id of the run's driver on that host."),
          new Column(
              FOUND_BY, DataTypes.StringType, "abandoned rows: the run that found it; else null."));

  public static final StructType SCHEMA = Column.schema(COLUMNS);

  private CommandRunsTable() {}

  /** Creates the table if there is none. */
  public static void ensure(SparkSession spark, String path) {
    DeltaTables.ensure(spark, path, SCHEMA);
  }

  /** Appends status rows (a blind append: it never conflicts with another run's). */
  public static void append(SparkSession spark, String path, List<RunRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    List<Row> rows = new ArrayList<>();
    for (RunRecord r : records) {
      rows.add(
          RowFactory.create(
              r.runId(),
              r.command(),
              r.arguments(),
              r.status().word(),
              r.message(),
              r.startedAt(),
              r.recordedAt(),
              r.leaseUntil(),
              r.host(),
              r.pid(),
              r.foundBy()));
    }
    DeltaTables.append(spark, path, spark.createDataFrame(rows, SCHEMA));
  }

  /** The latest row of each run whose latest row is {@code running}. */
  public static List<RunRecord> running(SparkSession spark, String path) {
    List<RunRecord> out = new ArrayList<>();
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return out;
    }
    List<Row> rows =
        spark
            .read()
            .format("delta")
            .load(path)
            .withColumn(
                "_n",
                org.apache
                    .spark
                    .sql
                    .functions
                    .row_number()
                    .over(
                        Window.partitionBy(RUN_ID)
                            .orderBy(col(RECORDED_AT).desc(), terminalFirst())))
            .where(col("_n").equalTo(1).and(col(STATUS).equalTo(RunRecord.Status.RUNNING.word())))
            .select(
                COLUMNS.stream()
                    .map(c -> col(c.name()))
                    .toArray(org.apache.spark.sql.Column[]::new))
            .collectAsList();
    for (Row r : rows) {
      out.add(
          new RunRecord(
              r.getString(0),
              r.getString(1),
              r.getString(2),
              RunRecord.Status.of(r.getString(3)),
              r.getString(4),
              r.getAs(5),
              r.getAs(6),
              r.getAs(7),
              r.getString(8),
              r.isNullAt(9) ? -1 : r.getLong(9),
              r.getString(10)));
    }
    return out;
  }

  /** At the same instant, an end row outranks a heartbeat. */
  private static org.apache.spark.sql.Column terminalFirst() {
    return org.apache
        .spark
        .sql
        .functions
        .when(col(STATUS).equalTo(RunRecord.Status.RUNNING.word()), 1)
        .otherwise(0);
  }
}

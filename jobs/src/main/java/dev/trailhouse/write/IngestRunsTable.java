package dev.trailhouse.write;

import dev.trailhouse.table.Column;
import java.util.List;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The {@code ingest_runs} table: one row per ingest run, with its arguments and its counts. */
public final class IngestRunsTable {
  public static final String NAME = dev.trailhouse.table.Tables.INGEST_RUNS;

  public static final List<Column> COLUMNS =
      List.of(
          new Column("run_id", DataTypes.StringType, "Unique id of the run."),
          new Column(
              "arguments",
              DataTypes.StringType,
              "The command line, secret-looking --set values masked."),
          new Column("from_date", DataTypes.DateType, "First day asked."),
          new Column("to_date", DataTypes.DateType, "Last day asked."),
          new Column("lateness_days", DataTypes.IntegerType, "Later delivery folders also read."),
          new Column("started_at", DataTypes.TimestampType, "Start of the run."),
          new Column("ended_at", DataTypes.TimestampType, "End of the run."),
          new Column("status", DataTypes.StringType, "succeeded or failed."),
          new Column("message", DataTypes.StringType, "Why it failed, or null."),
          new Column(
              "folders_listed",
              DataTypes.LongType,
              "Folders listed (accounts, regions and asked days only)."),
          new Column("files_listed", DataTypes.LongType, "Event files found in the day folders."),
          new Column(
              "files_skipped",
              DataTypes.LongType,
              "Event files skipped: already ingested (same URI, size, time)."),
          new Column("files_read", DataTypes.LongType, "Event files read."),
          new Column(
              "files_unreadable",
              DataTypes.LongType,
              "Files that could not be read (retried next run)."),
          new Column(
              "other_objects",
              DataTypes.LongType,
              "Objects in the day folders that are not event files (skipped, not errors)."),
          new Column(
              "records_read", DataTypes.LongType, "Record units read (see README: Accounting)."),
          new Column("records_written", DataTypes.LongType, "New rows in events."),
          new Column(
              "records_duplicate",
              DataTypes.LongType,
              "Records whose eventID was already in this run or in the table."),
          new Column("records_rejected", DataTypes.LongType, "Records and files sent to rejects."),
          new Column(
              "records_filtered", DataTypes.LongType, "Events dropped by the `sources` filter."),
          new Column(
              "event_dates", DataTypes.StringType, "The event_date partitions this run touched."),
          new Column(
              "skipped",
              DataTypes.StringType,
              "Objects and folders under the prefix not read, by kind: JSON {kind: {count, keys (the first 3)}}."),
          new Column(
              "nonstandard",
              DataTypes.StringType,
              "Read although not in CloudTrail's standard form (organization-id, file-name): JSON as in skipped."));

  public static final StructType SCHEMA = Column.schema(COLUMNS);

  private IngestRunsTable() {}

  /** Creates the table if there is none. */
  public static void ensure(SparkSession spark, String path) {
    DeltaTables.ensure(spark, path, SCHEMA);
  }

  /** Appends the run's row. */
  public static void write(SparkSession spark, String path, IngestSummary s) {
    ensure(spark, path);
    org.apache.spark.sql.Row row =
        RowFactory.create(
            s.runId(),
            s.arguments(),
            s.from(),
            s.to(),
            s.latenessDays(),
            s.startedAt(),
            s.endedAt(),
            s.status(),
            s.message(),
            s.foldersListed(),
            s.filesListed(),
            s.filesSkipped(),
            s.filesRead(),
            s.filesUnreadable(),
            s.otherObjects(),
            s.recordsRead(),
            s.written(),
            s.duplicates(),
            s.rejected(),
            s.filtered(),
            s.eventDates(),
            s.skipped(),
            s.nonstandard());
    // A table written before the skipped and nonstandard columns existed gets them.
    DeltaTables.appendAddingColumns(spark, path, spark.createDataFrame(List.of(row), SCHEMA));
  }
}

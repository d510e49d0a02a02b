package dev.trailhouse.write;

import dev.trailhouse.table.EventsTable;
import static org.apache.spark.sql.functions.col;

import dev.trailhouse.config.Errors;
import dev.trailhouse.write.parquet.EventsFile;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.DeltaOperations;
import org.apache.spark.sql.delta.OptimisticTransaction;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.delta.actions.Metadata;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.apache.spark.sql.execution.metric.SQLMetrics;
import org.apache.spark.sql.types.StructField;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * One commit of new data files to the events table, through Delta's optimistic transaction. The
 * transaction reads the event_date partitions the files go to, so a concurrent run that adds to
 * the same dates makes this commit fail with a concurrent-modification error (the caller checks
 * the new rows and tries again): with the run-wide key check, two runs can never both add an event.
 */
public final class EventsCommit {
  private final SparkSession spark;
  private final String path;
  private final OptimisticTransaction txn;
  private final List<String> dates;
  private final boolean tableHasRows;
  private final boolean statsMatch;

  private EventsCommit(SparkSession spark, String path, Set<LocalDate> dates) {
    this.spark = spark;
    this.path = path;
    this.txn = DeltaLog.forTable(spark, path).startTransaction();
    Metadata m = txn.metadata();
    check(m);
    this.statsMatch = String.join(",", EventsTable.STATS_COLUMNS)
        .equals(JavaConverters.mapAsJavaMap(m.configuration()).get("delta.dataSkippingStatsColumns"));
    this.dates = new ArrayList<>();
    java.util.Set<scala.collection.immutable.Map<String, String>> partitions = new java.util.HashSet<>();
    for (LocalDate d : dates) {
      this.dates.add(d.toString());
      partitions.add(partition(d.toString()));
    }
    // Registers the read of these partitions: what a concurrent commit to them conflicts with.
    this.tableHasRows = !txn.filterFiles(JavaConverters.asScalaSet(partitions).toSet()).isEmpty();
  }

  /** Starts a commit to the table at {@code path} (created if missing) for files of {@code dates}. */
  public static EventsCommit begin(SparkSession spark, String path, Set<LocalDate> dates) {
    DeltaTables.ensure(spark, path, EventsTable.SCHEMA, EventsTable.PROPERTIES, EventsTable.EVENT_DATE);
    return new EventsCommit(spark, path, dates);
  }

  /** The table version the commit builds on. */
  public long readVersion() {
    return txn.readVersion();
  }

  /** Whether the table holds rows in any of the dates (else there is nothing to check against). */
  public boolean tableHasRows() {
    return tableHasRows;
  }

  /** (event_id, event_date) of the table's rows in the dates, as of {@link #readVersion()}. */
  public Dataset<Row> existing() {
    return spark.read().format("delta").option("versionAsOf", readVersion()).load(path)
        .where(col(EventsTable.EVENT_DATE).isin(dates.stream().map(LocalDate::parse).toArray()))
        .select(EventsTable.EVENT_ID, EventsTable.EVENT_DATE);
  }

  /**
   * Commits the files; returns the new version. Throws Delta's concurrent-modification error when
   * another commit to the same dates came first.
   */
  public long commit(List<EventsFile.Written> files, List<LocalDate> fileDates, String tag) {
    List<Action> adds = new ArrayList<>();
    long rows = 0;
    long bytes = 0;
    for (int i = 0; i < files.size(); i++) {
      EventsFile.Written f = files.get(i);
      String date = fileDates.get(i).toString();
      String relative = f.path().substring(f.path().indexOf("/" + EventsTable.EVENT_DATE + "=") + 1);
      String stats = statsMatch ? f.stats() : "{\"numRecords\":" + f.rows() + "}";
      adds.add(new AddFile(relative, partition(date), f.size(), f.modificationTime(), true, stats, null, null,
          Option.empty(), Option.empty(), Option.empty()));
      rows += f.rows();
      bytes += f.size();
    }
    scala.collection.immutable.Map<String, SQLMetric> metrics = scala.collection.immutable.Map$.MODULE$.empty();
    metrics = metrics.updated("numFiles", metric("number of files written", files.size()));
    metrics = metrics.updated("numOutputRows", metric("number of output rows", rows));
    metrics = metrics.updated("numOutputBytes", metric("written output", bytes));
    txn.registerSQLMetrics(spark, metrics);
    DeltaOperations.Write op = new DeltaOperations.Write(SaveMode.Append,
        Option.apply(JavaConverters.asScalaBuffer(List.of(EventsTable.EVENT_DATE)).toSeq()), Option.empty(), Option.apply(tag));
    return txn.commit(JavaConverters.asScalaBuffer(adds).toSeq(), op);
  }

  private SQLMetric metric(String name, long value) {
    SQLMetric m = SQLMetrics.createMetric(spark.sparkContext(), name);
    m.set(value);
    return m;
  }

  private static scala.collection.immutable.Map<String, String> partition(String date) {
    scala.collection.immutable.Map<String, String> m = scala.collection.immutable.Map$.MODULE$.empty();
    return m.updated(EventsTable.EVENT_DATE, date);
  }

  /** The table must be what the writer produces files for; anything else fails with the fix named. */
  private void check(Metadata m) {
    List<String> partitionBy = JavaConverters.seqAsJavaList(m.partitionColumns());
    if (!partitionBy.equals(List.of(EventsTable.EVENT_DATE))) {
      throw Errors.incompatibleTable(path, "is partitioned by " + partitionBy + ", not [event_date]");
    }
    StructField[] have = m.schema().fields();
    StructField[] want = EventsTable.SCHEMA.fields();
    boolean same = have.length == want.length;
    for (int i = 0; same && i < want.length; i++) {
      same = have[i].name().equals(want[i].name()) && have[i].dataType().equals(want[i].dataType())
          && have[i].nullable() && have[i].metadata().json().equals("{}");
    }
    if (!same) {
      throw Errors.incompatibleTable(path, "has columns " + m.schema().simpleString() + " instead of the contract's");
    }
    for (Map.Entry<String, String> e : JavaConverters.mapAsJavaMap(m.configuration()).entrySet()) {
      if (e.getKey().startsWith("delta.constraints.")) {
        throw Errors.incompatibleTable(path, "has the CHECK constraint " + e.getKey());
      }
      if (e.getKey().equals("delta.columnMapping.mode") && !e.getValue().equalsIgnoreCase("none")) {
        throw Errors.incompatibleTable(path, "uses column mapping (" + e.getKey() + "=" + e.getValue() + ")");
      }
    }
  }
}

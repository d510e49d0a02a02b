package dev.trailhouse.write;

import static org.apache.spark.sql.functions.col;

import dev.trailhouse.config.Errors;
import dev.trailhouse.delta.DeltaAdapter;
import dev.trailhouse.table.EventsTable;
import dev.trailhouse.write.parquet.EventsFile;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * One commit of new data files to the events table, through Delta's optimistic transaction. The
 * transaction reads the event_date partitions the files go to, so a concurrent run that adds to the
 * same dates makes this commit fail with a concurrent-modification error (the caller checks the new
 * rows and tries again): with the run-wide key check, two runs can never both add an event.
 */
public final class EventsCommit {
  private final SparkSession spark;
  private final String path;
  private final DeltaAdapter txn;
  private final List<String> dates;
  private final boolean tableHasRows;
  private final boolean statsMatch;

  private EventsCommit(SparkSession spark, String path, Set<LocalDate> dates) {
    this.spark = spark;
    this.path = path;
    this.txn = DeltaAdapter.begin(spark, path);
    DeltaAdapter.Definition d = txn.definition();
    check(d);
    txn.requireSupportedFeatures(EventsTable.NAME);
    this.statsMatch =
        String.join(",", EventsTable.STATS_COLUMNS)
            .equals(d.configuration().get("delta.dataSkippingStatsColumns"));
    this.dates = new ArrayList<>();
    for (LocalDate day : dates) {
      this.dates.add(day.toString());
    }
    // Registers the read of these partitions: what a concurrent commit to them conflicts with.
    this.tableHasRows = txn.readPartitions(EventsTable.EVENT_DATE, this.dates);
  }

  /**
   * Starts a commit to the table at {@code path} (created if missing) for files of {@code dates}.
   */
  public static EventsCommit begin(SparkSession spark, String path, Set<LocalDate> dates) {
    DeltaTables.ensure(
        spark, path, EventsTable.SCHEMA, EventsTable.PROPERTIES, EventsTable.EVENT_DATE);
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
    return spark
        .read()
        .format("delta")
        .option("versionAsOf", readVersion())
        .load(path)
        .where(col(EventsTable.EVENT_DATE).isin(dates.stream().map(LocalDate::parse).toArray()))
        .select(EventsTable.EVENT_ID, EventsTable.EVENT_DATE);
  }

  /**
   * Commits the files; returns the new version. Throws Delta's concurrent-modification error when
   * another commit to the same dates came first.
   */
  public long commit(List<EventsFile.Written> files, List<LocalDate> fileDates, String tag) {
    List<DeltaAdapter.DataFile> adds = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      EventsFile.Written f = files.get(i);
      String relative =
          f.path().substring(f.path().indexOf("/" + EventsTable.EVENT_DATE + "=") + 1);
      String stats = statsMatch ? f.stats() : "{\"numRecords\":" + f.rows() + "}";
      adds.add(
          new DeltaAdapter.DataFile(
              relative,
              Map.of(EventsTable.EVENT_DATE, fileDates.get(i).toString()),
              f.size(),
              f.modificationTime(),
              f.rows(),
              stats));
    }
    return txn.append(adds, List.of(EventsTable.EVENT_DATE), tag);
  }

  /**
   * The table must be what the writer produces files for; anything else fails with the fix named.
   */
  private void check(DeltaAdapter.Definition m) {
    List<String> partitionBy = m.partitionColumns();
    if (!partitionBy.equals(List.of(EventsTable.EVENT_DATE))) {
      throw Errors.incompatibleTable(
          path, "is partitioned by " + partitionBy + ", not [event_date]");
    }
    StructField[] have = m.schema().fields();
    StructField[] want = EventsTable.SCHEMA.fields();
    boolean same = have.length == want.length;
    for (int i = 0; same && i < want.length; i++) {
      same =
          have[i].name().equals(want[i].name())
              && have[i].dataType().equals(want[i].dataType())
              && have[i].nullable()
              && have[i].metadata().json().equals("{}");
    }
    if (!same) {
      throw Errors.incompatibleTable(
          path, "has columns " + m.schema().simpleString() + " instead of the contract's");
    }
    for (Map.Entry<String, String> e : m.configuration().entrySet()) {
      if (e.getKey().startsWith("delta.constraints.")) {
        throw Errors.incompatibleTable(path, "has the CHECK constraint " + e.getKey());
      }
      if (e.getKey().equals("delta.columnMapping.mode") && !e.getValue().equalsIgnoreCase("none")) {
        throw Errors.incompatibleTable(
            path, "uses column mapping (" + e.getKey() + "=" + e.getValue() + ")");
      }
    }
  }
}

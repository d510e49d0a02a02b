package dev.trailhouse.write;

import static org.apache.spark.sql.functions.col;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.util.CollectionAccumulator;

/**
 * Writes events exactly once: the batch is hash-partitioned by (event_date, event_id), each
 * partition keeps the first row of every id, and an insert-only MERGE adds the rows whose id is not
 * in the table's affected date partitions yet. Rows already in the table are never rewritten.
 */
public final class EventsWriter {
  private EventsWriter() {}

  /** A de-duplicated batch, its shuffle already materialized, and its per-partition counts. */
  public record Deduped(Dataset<Row> rows, CollectionAccumulator<long[]> counters) {

    /** Rows that entered and left de-duplication, one count per partition even after task retries. */
    public long[] inOut() {
      Map<Long, long[]> byPartition = new TreeMap<>();
      for (long[] c : counters.value()) {
        byPartition.put(c[0], c);
      }
      long in = 0;
      long out = 0;
      for (long[] c : byPartition.values()) {
        in += c[1];
        out += c[2];
      }
      return new long[] {in, out};
    }
  }

  /**
   * Shuffles {@code events} by (event_date, event_id) into {@code partitions} and runs the shuffle's
   * map side now (the file parse happens there), so that the caller knows the batch's dates before
   * the MERGE reads the shuffle output without parsing again.
   */
  public static Deduped dedup(SparkSession spark, Dataset<Row> events, int partitions) {
    CollectionAccumulator<long[]> counters = spark.sparkContext().collectionAccumulator("dedup");
    Dataset<Row> shuffled = events.repartition(partitions, col(EventsTable.EVENT_DATE), col(EventsTable.EVENT_ID));
    // With adaptive execution, planning the RDD runs the map stage; without it, an empty job does.
    RDD<InternalRow> rdd = shuffled.queryExecution().toRdd();
    JavaRDD<InternalRow> kept =
        rdd.toJavaRDD().mapPartitionsWithIndex(new KeepFirst(EventsTable.index(EventsTable.EVENT_ID), counters), true);
    Dataset<Row> rows = spark.internalCreateDataFrame(kept.rdd(), EventsTable.SCHEMA, false);
    return new Deduped(rows, counters);
  }

  /** Runs the map side of the batch when planning did not (adaptive execution off). */
  public static void materialize(Dataset<Row> events) {
    events.queryExecution().toRdd().toJavaRDD().foreachPartition(it -> {});
  }

  /** Inserts the new rows of {@code batch} into the events table at {@code path}. */
  public static DeltaTables.MergeMetrics merge(
      SparkSession spark, String path, Dataset<Row> batch, Set<LocalDate> dates, String runId) {
    DeltaTables.ensure(spark, path, EventsTable.SCHEMA, EventsTable.PROPERTIES, EventsTable.EVENT_DATE);
    if (dates.isEmpty()) {
      return new DeltaTables.MergeMetrics(0, 0);
    }
    org.apache.spark.sql.Column condition =
        col("t." + EventsTable.EVENT_DATE).isin(new ArrayList<>(dates).toArray())
            .and(col("t." + EventsTable.EVENT_DATE).equalTo(col("s." + EventsTable.EVENT_DATE)))
            .and(col("t." + EventsTable.EVENT_ID).equalTo(col("s." + EventsTable.EVENT_ID)));
    return DeltaTables.insertNew(spark, path, batch, condition, "events:" + runId);
  }

  /** Keeps the first row of each event id in a partition; reports rows in and out once. */
  static final class KeepFirst
      implements Function2<Integer, Iterator<InternalRow>, Iterator<InternalRow>> {
    private final int idColumn;
    private final CollectionAccumulator<long[]> counters;

    KeepFirst(int idColumn, CollectionAccumulator<long[]> counters) {
      this.idColumn = idColumn;
      this.counters = counters;
    }

    @Override
    public Iterator<InternalRow> call(Integer partition, Iterator<InternalRow> rows) {
      Set<UTF8String> seen = new HashSet<>();
      return new Iterator<>() {
        private InternalRow next;
        private long in;
        private long out;
        private boolean reported;

        @Override
        public boolean hasNext() {
          while (next == null && rows.hasNext()) {
            InternalRow r = rows.next();
            in++;
            if (seen.add(r.getUTF8String(idColumn).clone())) {
              out++;
              next = r;
            }
          }
          if (next == null && !reported) {
            reported = true;
            counters.add(new long[] {partition, in, out});
          }
          return next != null;
        }

        @Override
        public InternalRow next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          InternalRow r = next;
          next = null;
          return r;
        }
      };
    }
  }

}

package dev.trailhouse.ingest;

import dev.trailhouse.spark.HadoopConf;
import dev.trailhouse.table.EventsTable;
import dev.trailhouse.write.parquet.LongList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import scala.Tuple2;

/**
 * The run-wide duplicate check: the keys of every row the read tasks wrote, and of the rows already
 * in the table's affected dates, meet in a small shuffle (four longs a row) partitioned by key. An
 * event in the table wins; otherwise the copy of the lowest task and position wins. Returns, per
 * task, the positions of its rows that lose (sorted; {@link #IN_TABLE} marks those already in the
 * table), to be left out by rewriting that task.
 */
public final class KeyCheck {
  private static final long TABLE = Long.MIN_VALUE;

  /**
   * Set on a loser's position when the event is already in the table (not just in another task).
   */
  public static final long IN_TABLE = 1L << 31;

  private KeyCheck() {}

  /**
   * @param keyFiles the side files of the read tasks' keys
   * @param existing (event_id, event_date) of the table's rows in the affected dates, or null
   */
  public static Map<Integer, long[]> losers(
      SparkSession spark, List<String> keyFiles, Dataset<Row> existing, HadoopConf conf) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int reducers = Math.max(1, spark.sparkContext().defaultParallelism());
    JavaPairRDD<Integer, byte[]> keys =
        jsc.parallelize(keyFiles, Math.max(1, keyFiles.size()))
            .mapPartitionsToPair(new FromKeyFiles(conf, reducers));
    if (existing != null) {
      JavaRDD<InternalRow> rows =
          existing
              .select(EventsTable.EVENT_ID, EventsTable.EVENT_DATE)
              .queryExecution()
              .toRdd()
              .toJavaRDD();
      keys = keys.union(rows.mapPartitionsToPair(new FromTable(reducers)));
    }
    // Each reducer returns its (task, losers) pairs (at most one per task): joined here, no second
    // shuffle.
    List<Tuple2<Integer, long[]>> found =
        keys.partitionBy(new HashPartitioner(reducers))
            .mapPartitionsToPair(new FindLosers())
            .collect();
    Map<Integer, long[]> out = new HashMap<>();
    for (Tuple2<Integer, long[]> t : found) {
      out.merge(t._1(), t._2(), KeyCheck::concat);
    }
    out.values().forEach(Arrays::sort);
    return out;
  }

  /**
   * A run of at most this many rows into dates the table holds nothing of is checked on the driver,
   * without a Spark job: the keys are read once into one table of winners (32 bytes a slot, two to
   * four slots a key: 128 MB at most), one task's key file (24 bytes a row) at a time.
   */
  public static final long DRIVER_KEYS = 2_000_000;

  /** The same answer as {@link #losers} without table rows, computed on the driver. */
  public static Map<Integer, long[]> losersOnDriver(
      List<String> keyFiles, long keys, HadoopConf conf) {
    Winners w = new Winners(keys);
    for (String file : keyFiles) {
      readKeys(file, conf, w::add);
    }
    Map<Integer, long[]> out = w.losers();
    out.values().forEach(Arrays::sort);
    return out;
  }

  /** Takes entries (hi, lo, day, source). */
  interface Entries {
    void add(long hi, long lo, long day, long source);
  }

  /**
   * Hands each key of a read task's key file (what {@code ReadTask} writes: (hi, lo, day << 32 |
   * ordinal) as {@link LongList#toBytes()}) on as an entry whose source is task << 32 | ordinal.
   */
  static void readKeys(String file, HadoopConf conf, Entries to) {
    Path p = new Path(file);
    int bin = Integer.parseInt(p.getName().substring(4, 9));
    long[] keys;
    try (java.io.InputStream in = p.getFileSystem(conf.get()).open(p)) {
      keys = LongList.fromBytes(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the run's key file " + file + ": " + e.getMessage(), e);
    }
    for (int i = 0; i + 2 < keys.length; i += 3) {
      to.add(
          keys[i], keys[i + 1], keys[i + 2] >> 32, (long) bin << 32 | (keys[i + 2] & 0xFFFFFFFFL));
    }
  }

  private static long[] concat(long[] a, long[] b) {
    long[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  static int reducer(long hi, long lo, long day, int reducers) {
    long h = hi * 0x9E3779B97F4A7C15L ^ lo * 0xC2B2AE3D27D4EB4FL ^ day;
    h ^= h >>> 29;
    return (int) Math.floorMod(h, (long) reducers);
  }

  /** Entries are (hi, lo, day, source): source is task << 32 | position, or TABLE. */
  private static final class Chunks {
    private final LongList[] parts;

    Chunks(int reducers) {
      parts = new LongList[reducers];
      for (int i = 0; i < reducers; i++) {
        parts[i] = new LongList(1 << 10);
      }
    }

    void add(long hi, long lo, long day, long source) {
      LongList p = parts[reducer(hi, lo, day, parts.length)];
      p.add(hi);
      p.add(lo);
      p.add(day);
      p.add(source);
    }

    /**
     * Each reducer's entries as raw bytes (Java serialization copies a byte[] whole, a long[] long
     * by long).
     */
    Iterator<Tuple2<Integer, byte[]>> emit() {
      List<Tuple2<Integer, byte[]>> out = new ArrayList<>();
      for (int i = 0; i < parts.length; i++) {
        if (parts[i].size() > 0) {
          out.add(new Tuple2<>(i, parts[i].toBytes()));
        }
      }
      return out.iterator();
    }
  }

  static final class FromKeyFiles
      implements PairFlatMapFunction<Iterator<String>, Integer, byte[]> {
    private final HadoopConf conf;
    private final int reducers;

    FromKeyFiles(HadoopConf conf, int reducers) {
      this.conf = conf;
      this.reducers = reducers;
    }

    @Override
    public Iterator<Tuple2<Integer, byte[]>> call(Iterator<String> files) {
      Chunks c = new Chunks(reducers);
      while (files.hasNext()) {
        readKeys(files.next(), conf, c::add);
      }
      return c.emit();
    }
  }

  static final class FromTable
      implements PairFlatMapFunction<Iterator<InternalRow>, Integer, byte[]> {
    private final int reducers;

    FromTable(int reducers) {
      this.reducers = reducers;
    }

    @Override
    public Iterator<Tuple2<Integer, byte[]>> call(Iterator<InternalRow> rows) {
      Chunks c = new Chunks(reducers);
      long[] k = new long[2];
      while (rows.hasNext()) {
        InternalRow r = rows.next();
        if (r.isNullAt(0) || r.isNullAt(1)) {
          continue;
        }
        byte[] id = r.getUTF8String(0).getBytes();
        EventKey.of(id, 0, id.length, k);
        c.add(k[0], k[1], r.getInt(1), TABLE);
      }
      return c.emit();
    }
  }

  /** Keeps the winner of each key; emits (task, positions) of the losers. */
  static final class FindLosers
      implements PairFlatMapFunction<Iterator<Tuple2<Integer, byte[]>>, Integer, long[]> {
    @Override
    public Iterator<Tuple2<Integer, long[]>> call(Iterator<Tuple2<Integer, byte[]>> chunks) {
      List<long[]> all = new ArrayList<>();
      long entries = 0;
      while (chunks.hasNext()) {
        long[] a = LongList.fromBytes(chunks.next()._2());
        all.add(a);
        entries += a.length / 4;
      }
      Winners w = new Winners(entries);
      for (long[] a : all) {
        for (int i = 0; i + 3 < a.length; i += 4) {
          w.add(a[i], a[i + 1], a[i + 2], a[i + 3]);
        }
      }
      List<Tuple2<Integer, long[]>> out = new ArrayList<>();
      w.losers().forEach((task, positions) -> out.add(new Tuple2<>(task, positions)));
      return out.iterator();
    }
  }

  /**
   * The best source seen per key (smallest; the table is smallest of all): four longs a slot. Every
   * source that loses is kept, as its task's position.
   */
  static final class Winners implements Entries {
    private long[] slots;
    private int capacity;
    private int size;
    private final Map<Integer, LongList> losers = new HashMap<>();

    Winners(long expected) {
      capacity =
          Integer.highestOneBit((int) Math.max(1024, Math.min(1 << 27, 2 * expected)) - 1) << 1;
      slots = new long[4 * capacity]; // hi, lo, day + 1 (0 = empty), source
    }

    @Override
    public void add(long hi, long lo, long day, long source) {
      long lost = offer(hi, lo, day, source);
      if (lost >= 0) {
        losers.computeIfAbsent((int) (lost >>> 32), t -> new LongList(16)).add(lost & 0xFFFFFFFFL);
      }
    }

    /**
     * Per task, the positions of its losing rows ({@link #IN_TABLE} marks those in the table),
     * unsorted.
     */
    Map<Integer, long[]> losers() {
      Map<Integer, long[]> out = new HashMap<>();
      losers.forEach(
          (task, positions) -> out.put(task, Arrays.copyOf(positions.array(), positions.size())));
      return out;
    }

    /** Offers an entry; returns the source that lost to it or to the present winner, or -1. */
    private long offer(long hi, long lo, long day, long source) {
      if ((size + 1) * 2 > capacity) {
        grow();
      }
      long tag = day + 1;
      int mask = capacity - 1;
      int slot = slot(hi, lo, day) & mask;
      while (true) {
        int at = slot * 4;
        long t = slots[at + 2];
        if (t == 0) {
          slots[at] = hi;
          slots[at + 1] = lo;
          slots[at + 2] = tag;
          slots[at + 3] = source;
          size++;
          return -1;
        }
        if (t == tag && slots[at] == hi && slots[at + 1] == lo) {
          long present = slots[at + 3];
          if (source < present) {
            slots[at + 3] = source;
            return present == TABLE ? -1 : lost(present, source);
          }
          return source == TABLE ? -1 : lost(source, present);
        }
        slot = (slot + 1) & mask;
      }
    }

    /** The loser's source, marked when the winner is a row already in the table. */
    private static long lost(long loser, long winner) {
      return winner == TABLE ? loser | IN_TABLE : loser;
    }

    private static int slot(long hi, long lo, long day) {
      long h = (hi ^ Long.rotateLeft(lo, 23) ^ day * 0x9E3779B97F4A7C15L) * 0xff51afd7ed558ccdL;
      return (int) (h ^ (h >>> 32));
    }

    private void grow() {
      long[] old = slots;
      capacity *= 2;
      slots = new long[4 * capacity];
      size = 0;
      for (int at = 0; at < old.length; at += 4) {
        if (old[at + 2] != 0) {
          offer(old[at], old[at + 1], old[at + 2] - 1, old[at + 3]);
        }
      }
    }
  }
}

package dev.trailhouse.ingest;

import dev.trailhouse.read.HadoopConf;
import dev.trailhouse.write.EventsTable;
import dev.trailhouse.write.parquet.LongList;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
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

  /** Set on a loser's position when the event is already in the table (not just in another task). */
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
    JavaPairRDD<Integer, long[]> keys = jsc.parallelize(keyFiles, Math.max(1, keyFiles.size()))
        .mapPartitionsToPair(new FromKeyFiles(conf, reducers));
    if (existing != null) {
      JavaRDD<InternalRow> rows = existing.select(EventsTable.EVENT_ID, EventsTable.EVENT_DATE)
          .queryExecution().toRdd().toJavaRDD();
      keys = keys.union(rows.mapPartitionsToPair(new FromTable(reducers)));
    }
    List<Tuple2<Integer, long[]>> found = keys.partitionBy(new HashPartitioner(reducers))
        .mapPartitionsToPair(new FindLosers())
        .reduceByKey(KeyCheck::concat)
        .collect();
    Map<Integer, long[]> out = new HashMap<>();
    for (Tuple2<Integer, long[]> t : found) {
      long[] ordinals = t._2().clone();
      Arrays.sort(ordinals);
      out.put(t._1(), ordinals);
    }
    return out;
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

    Iterator<Tuple2<Integer, long[]>> emit() {
      List<Tuple2<Integer, long[]>> out = new ArrayList<>();
      for (int i = 0; i < parts.length; i++) {
        if (parts[i].size() > 0) {
          out.add(new Tuple2<>(i, Arrays.copyOf(parts[i].array(), parts[i].size())));
        }
      }
      return out.iterator();
    }
  }

  static final class FromKeyFiles implements PairFlatMapFunction<Iterator<String>, Integer, long[]> {
    private final HadoopConf conf;
    private final int reducers;

    FromKeyFiles(HadoopConf conf, int reducers) {
      this.conf = conf;
      this.reducers = reducers;
    }

    @Override
    public Iterator<Tuple2<Integer, long[]>> call(Iterator<String> files) {
      Chunks c = new Chunks(reducers);
      while (files.hasNext()) {
        String file = files.next();
        int bin = Integer.parseInt(new Path(file).getName().substring(4, 9));
        Path p = new Path(file);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(p.getFileSystem(conf.get()).open(p), 1 << 16))) {
          while (true) {
            long hi;
            try {
              hi = in.readLong();
            } catch (EOFException end) {
              break;
            }
            long lo = in.readLong();
            long dayOrdinal = in.readLong();
            c.add(hi, lo, dayOrdinal >> 32, (long) bin << 32 | (dayOrdinal & 0xFFFFFFFFL));
          }
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot read the run's key file " + file + ": " + e.getMessage(), e);
        }
      }
      return c.emit();
    }
  }

  static final class FromTable implements PairFlatMapFunction<Iterator<InternalRow>, Integer, long[]> {
    private final int reducers;

    FromTable(int reducers) {
      this.reducers = reducers;
    }

    @Override
    public Iterator<Tuple2<Integer, long[]>> call(Iterator<InternalRow> rows) {
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
  static final class FindLosers implements PairFlatMapFunction<Iterator<Tuple2<Integer, long[]>>, Integer, long[]> {
    @Override
    public Iterator<Tuple2<Integer, long[]>> call(Iterator<Tuple2<Integer, long[]>> chunks) {
      Winners w = new Winners();
      Map<Integer, LongList> losers = new HashMap<>();
      while (chunks.hasNext()) {
        long[] a = chunks.next()._2();
        for (int i = 0; i + 3 < a.length; i += 4) {
          long lost = w.offer(a[i], a[i + 1], a[i + 2], a[i + 3]);
          if (lost >= 0) {
            losers.computeIfAbsent((int) (lost >>> 32), t -> new LongList(16)).add(lost & 0xFFFFFFFFL);
          }
        }
      }
      List<Tuple2<Integer, long[]>> out = new ArrayList<>();
      for (var e : losers.entrySet()) {
        out.add(new Tuple2<>(e.getKey(), Arrays.copyOf(e.getValue().array(), e.getValue().size())));
      }
      return out.iterator();
    }
  }

  /** The best source seen per key (smallest; the table is smallest of all), open addressing. */
  static final class Winners {
    private long[] his = new long[1 << 12];
    private long[] los = new long[1 << 12];
    private long[] days = new long[1 << 12];
    private long[] sources = new long[1 << 12];
    private boolean[] used = new boolean[1 << 12];
    private int size;

    /** Offers an entry; returns the source that lost to it or to the present winner, or -1. */
    long offer(long hi, long lo, long day, long source) {
      if ((size + 1) * 2 > used.length) {
        grow();
      }
      int mask = used.length - 1;
      int slot = slot(hi, lo, day) & mask;
      while (used[slot]) {
        if (his[slot] == hi && los[slot] == lo && days[slot] == day) {
          long present = sources[slot];
          if (source < present) {
            sources[slot] = source;
            return present == TABLE ? -1 : lost(present, source);
          }
          return source == TABLE ? -1 : lost(source, present);
        }
        slot = (slot + 1) & mask;
      }
      used[slot] = true;
      his[slot] = hi;
      los[slot] = lo;
      days[slot] = day;
      sources[slot] = source;
      size++;
      return -1;
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
      long[] h = his;
      long[] l = los;
      long[] d = days;
      long[] s = sources;
      boolean[] u = used;
      int n = u.length * 2;
      his = new long[n];
      los = new long[n];
      days = new long[n];
      sources = new long[n];
      used = new boolean[n];
      size = 0;
      for (int i = 0; i < u.length; i++) {
        if (u[i]) {
          offer(h[i], l[i], d[i], s[i]);
        }
      }
    }
  }
}

package dev.trailhouse.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import dev.trailhouse.spark.HadoopConf;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a day's report files through Hadoop's FileSystem, so the reports root may be local or
 * s3a://.
 */
public final class ReportFiles {
  private ReportFiles() {}

  static String text(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof scala.collection.Seq<?> s) {
      return String.join(
          ";",
          scala.collection.JavaConverters.seqAsJavaList(s).stream().map(String::valueOf).toList());
    }
    if (v instanceof Instant t) {
      return t.toString();
    }
    return String.valueOf(v);
  }

  /**
   * Writes {@code sorted} as {@code base}.csv (header first) and {@code base}.jsonl, in the order
   * of its partitions (a global sort: Spark samples the rows for the range partitioner's bounds
   * first).
   *
   * @return the rows written
   */
  public static long writeCsvAndJsonl(
      SparkSession spark, String dir, String base, StructType schema, Dataset<Row> sorted) {
    return write(spark, dir, base, schema, sorted, -1);
  }

  /** Time buckets of a day for {@link #writeCsvAndJsonlByTime}: 15 minutes each. */
  static final int TIME_BUCKETS = 96;

  static final String BUCKET = "_trailhouse_bucket";

  /**
   * Writes {@code rows} of one UTC day as {@code writeCsvAndJsonl} does, ordered by {@code time}
   * then {@code ties} (ascending, nulls first, as orderBy), without a global sort: each row goes to
   * a 15-minute bucket of the day (a time before the day, or none, to the first; after it, to the
   * last), the buckets are hash-partitioned, each task sorts its own and writes one part per
   * bucket, and the driver joins the parts in bucket order. The rows are read once, not twice for a
   * range partitioner's sample.
   *
   * @return the rows written
   */
  public static long writeCsvAndJsonlByTime(
      SparkSession spark,
      String dir,
      String base,
      StructType schema,
      Dataset<Row> rows,
      java.time.LocalDate day,
      String time,
      String... ties) {
    if (!schema.apply(time).dataType().equals(org.apache.spark.sql.types.DataTypes.TimestampType)) {
      throw new IllegalArgumentException(
          time
              + " is "
              + schema.apply(time).dataType().simpleString()
              + ", not a timestamp: its instants are what the buckets divide");
    }
    long dayStart = day.atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
    long width = 86_400_000_000L / TIME_BUCKETS;
    Column bucket =
        expr(
            "cast(least(greatest(coalesce(floor((unix_micros(`"
                + time
                + "`) - "
                + dayStart
                + ") / "
                + width
                + "), 0), 0), "
                + (TIME_BUCKETS - 1)
                + ") as int)");
    // The bucket never decreases as the time grows (nulls first), so sorting by the time alone
    // keeps
    // each task's buckets contiguous and in order.
    List<Column> order = new ArrayList<>(List.of(col(time)));
    for (String t : ties) {
      order.add(col(t));
    }
    Dataset<Row> bucketed =
        rows.selectExpr(schema.fieldNames())
            .withColumn(BUCKET, bucket)
            .repartition(col(BUCKET))
            .sortWithinPartitions(order.toArray(new Column[0]));
    return write(spark, dir, base, schema, bucketed, schema.length());
  }

  /**
   * Spark tasks format their partitions in parallel into part files beside the targets, named by
   * their place in the file and the task attempt: the partition, or with {@code bucketField} >= 0
   * the bucket in that field of each row (a task then writes one part per bucket it holds). The
   * driver then joins, in that order, exactly the parts of the attempts Spark kept (each checked
   * against the length its task reported) into each file (a temporary name, then a rename) and
   * deletes the parts. Neither the driver's nor a task's memory grows with the rows.
   */
  private static long write(
      SparkSession spark,
      String dir,
      String base,
      StructType schema,
      Dataset<Row> rows,
      int bucketField) {
    // The tasks read the internal rows by position and type: the columns must be the schema's, in
    // its
    // order (nullability aside).
    StructType actual = rows.schema();
    for (int i = 0; i < schema.length(); i++) {
      if (i >= actual.length()
          || !actual.fields()[i].name().equals(schema.fields()[i].name())
          || !actual
              .fields()[i]
              .dataType()
              .simpleString()
              .equals(schema.fields()[i].dataType().simpleString())) {
        throw new IllegalArgumentException(
            "the rows of "
                + base
                + " are "
                + actual.simpleString()
                + ", not "
                + schema.simpleString());
      }
    }
    Configuration conf = spark.sessionState().newHadoopConf();
    Path parts = new Path(dir, "." + base + ".parts");
    String zone = spark.sessionState().conf().sessionLocalTimeZone();
    try {
      FileSystem fs = raw(parts.getFileSystem(conf));
      try {
        fs.delete(parts, true);
        fs.mkdirs(parts);
        List<Part> written = new ArrayList<>();
        // Spark's internal rows: the tasks format UTF-8 bytes as the rows hold them (RowText).
        for (long[] v :
            rows.queryExecution()
                .toRdd()
                .toJavaRDD()
                .mapPartitionsWithIndex(
                    new FormatPart(
                        new HadoopConf(conf), parts.toString(), schema, zone, bucketField),
                    false)
                .collect()) {
          written.add(Part.of(v));
        }
        written.sort(java.util.Comparator.comparingInt(Part::seq));
        for (int i = 1; i < written.size(); i++) {
          if (written.get(i).seq() == written.get(i - 1).seq()) {
            // Each partition or bucket must come from exactly one task, or the join cannot order
            // it.
            throw new IllegalStateException(
                "two tasks wrote part " + written.get(i).seq() + " of " + base);
          }
        }
        for (Part p : written) {
          check(fs, parts, p.name() + ".csv", p.csvBytes());
          check(fs, parts, p.name() + ".jsonl", p.jsonBytes());
        }
        write(
            conf,
            dir,
            base + ".csv",
            out -> {
              out.write(
                  Cells.csvLine(List.of(schema.fieldNames())).getBytes(StandardCharsets.UTF_8));
              append(fs, parts, written, ".csv", out);
            });
        write(conf, dir, base + ".jsonl", out -> append(fs, parts, written, ".jsonl", out));
        return written.stream().mapToLong(Part::rows).sum();
      } finally {
        fs.delete(parts, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write report files " + base + " in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * One part a task wrote: its place in the file (partition or bucket), rows, attempt and the two
   * files' lengths; empty partitions write none. Tasks return it as a long[] (Kryo, EMR's
   * serializer, cannot serialize records).
   */
  record Part(int seq, long rows, long attempt, long csvBytes, long jsonBytes) {
    static Part of(long[] v) {
      return new Part((int) v[0], v[1], v[2], v[3], v[4]);
    }

    long[] values() {
      return new long[] {seq, rows, attempt, csvBytes, jsonBytes};
    }

    String name() {
      return name(seq, attempt);
    }

    static String name(int seq, long attempt) {
      return String.format("part-%05d-%d", seq, attempt);
    }
  }

  /**
   * A part the driver cannot see as its task wrote it: the reports folder is not shared, or another
   * run cleared it.
   */
  static void check(FileSystem fs, Path parts, String name, long bytes) throws IOException {
    Path p = new Path(parts, name);
    long seen = fs.exists(p) ? fs.getFileStatus(p).getLen() : -1;
    if (seen != bytes) {
      throw new IOException(
          "part "
              + p
              + " should hold "
              + bytes
              + " bytes but "
              + (seen < 0 ? "is missing" : "holds " + seen)
              + ". Set reports to a location the driver and every executor share (s3:// or HDFS, not a local folder, on a "
              + "cluster) and run one report of a day at a time");
    }
  }

  private static void append(
      FileSystem fs, Path parts, List<Part> written, String ext, OutputStream out)
      throws IOException {
    byte[] buf = new byte[1 << 20];
    for (Part part : written) {
      try (InputStream in = fs.open(new Path(parts, part.name() + ext), buf.length)) {
        for (int k; (k = in.read(buf)) > 0; ) {
          out.write(buf, 0, k);
        }
      }
    }
  }

  /**
   * A task's share: its rows as CSV lines and JSON lines, in two part files per partition or
   * bucket, named by its attempt.
   */
  static final class FormatPart
      implements Function2<Integer, java.util.Iterator<InternalRow>, java.util.Iterator<long[]>> {
    private final HadoopConf conf;
    private final String parts;
    private final StructType schema;
    private final String zone;
    private final int bucketField;

    FormatPart(HadoopConf conf, String parts, StructType schema, String zone, int bucketField) {
      this.conf = conf;
      this.parts = parts;
      this.schema = schema;
      this.zone = zone;
      this.bucketField = bucketField;
    }

    @Override
    public java.util.Iterator<long[]> call(Integer index, java.util.Iterator<InternalRow> rows)
        throws IOException {
      List<long[]> out = new ArrayList<>();
      org.apache.spark.TaskContext task = org.apache.spark.TaskContext.get();
      long attempt = task == null ? 0L : task.taskAttemptId();
      Path dir = new Path(parts);
      FileSystem fs = raw(dir.getFileSystem(conf.get()));
      java.time.ZoneId zoneId = java.time.ZoneId.of(zone);
      // A row is used before the next is asked for: Spark may reuse the object.
      InternalRow r = rows.hasNext() ? rows.next() : null;
      while (r != null) {
        int seq = bucketField < 0 ? index : r.getInt(bucketField);
        String name = Part.name(seq, attempt);
        long n = 0;
        try (FSDataOutputStream csvOut = fs.create(new Path(dir, name + ".csv"), true);
            FSDataOutputStream jsonOut = fs.create(new Path(dir, name + ".jsonl"), true)) {
          RowText text = new RowText(schema, zoneId, csvOut, jsonOut);
          do {
            text.write(r);
            n++;
            r = rows.hasNext() ? rows.next() : null;
          } while (r != null && (bucketField < 0 || r.getInt(bucketField) == seq));
          text.flush();
          out.add(new Part(seq, n, attempt, csvOut.getPos(), jsonOut.getPos()).values());
        }
      }
      return out.iterator();
    }
  }

  /**
   * The file system without Hadoop's client-side checksum files (a local folder would get a .crc
   * beside every report file); object stores and HDFS are returned as they are.
   */
  static FileSystem raw(FileSystem fs) {
    return fs instanceof ChecksumFileSystem c ? c.getRawFileSystem() : fs;
  }

  /** Writes the bytes of a file. */
  interface Body {
    void write(OutputStream out) throws IOException;
  }

  /** Writes {@code text} to {@code dir/name}, replacing it: a temporary file, then a rename. */
  public static void write(Configuration conf, String dir, String name, String text) {
    write(conf, dir, name, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Writes to {@code dir/name}, replacing it: a temporary file, then a rename. */
  static void write(Configuration conf, String dir, String name, Body body) {
    Path target = new Path(dir, name);
    Path tmp = new Path(dir, "." + name + ".tmp");
    try {
      FileSystem fs = raw(target.getFileSystem(conf));
      fs.mkdirs(new Path(dir));
      try (OutputStream out = new java.io.BufferedOutputStream(fs.create(tmp, true), 1 << 16)) {
        body.write(out);
      }
      fs.delete(target, false);
      fs.delete(
          new Path(dir, "." + name + ".crc"),
          false); // left by an earlier version that wrote checksums
      if (!fs.rename(tmp, target)) {
        throw new IOException("rename " + tmp + " -> " + target + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write report file " + target + ": " + e.getMessage(), e);
    }
  }
}

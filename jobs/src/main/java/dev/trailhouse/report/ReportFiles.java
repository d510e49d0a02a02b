package dev.trailhouse.report;

import dev.trailhouse.read.HadoopConf;
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
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** Writes a day's report files through Hadoop's FileSystem, so the reports root may be local or s3a://. */
public final class ReportFiles {
  private ReportFiles() {}

  static String text(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof scala.collection.Seq<?> s) {
      return String.join(";", scala.collection.JavaConverters.seqAsJavaList(s).stream().map(String::valueOf).toList());
    }
    if (v instanceof Instant t) {
      return t.toString();
    }
    return String.valueOf(v);
  }

  /**
   * Writes {@code sorted} as {@code base}.csv (header first) and {@code base}.jsonl. Spark tasks
   * format their partitions in parallel into part files beside the targets; the driver then joins
   * the parts in partition order into each file (a temporary name, then a rename) and deletes them.
   * Neither the driver's nor a task's memory grows with the rows.
   *
   * @return the rows written
   */
  public static long writeCsvAndJsonl(SparkSession spark, String dir, String base, StructType schema, Dataset<Row> sorted) {
    Configuration conf = spark.sessionState().newHadoopConf();
    Path parts = new Path(dir, "." + base + ".parts");
    try {
      FileSystem fs = raw(parts.getFileSystem(conf));
      fs.delete(parts, true);
      fs.mkdirs(parts);
      List<long[]> counts = sorted.javaRDD()
          .mapPartitionsWithIndex(new FormatPart(new HadoopConf(conf), parts.toString(), sorted.schema()), false)
          .collect();
      long rows = 0;
      int n = 0;
      for (long[] c : counts) {
        rows += c[1];
        n = Math.max(n, (int) c[0] + 1);
      }
      int partitions = n;
      write(conf, dir, base + ".csv", out -> {
        out.write(Cells.csvLine(List.of(schema.fieldNames())).getBytes(StandardCharsets.UTF_8));
        append(fs, parts, partitions, ".csv", out);
      });
      write(conf, dir, base + ".jsonl", out -> append(fs, parts, partitions, ".jsonl", out));
      fs.delete(parts, true);
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write report files " + base + " in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void append(FileSystem fs, Path parts, int partitions, String ext, OutputStream out) throws IOException {
    byte[] buf = new byte[1 << 20];
    for (int i = 0; i < partitions; i++) {
      Path p = new Path(parts, part(i) + ext);
      if (!fs.exists(p)) {
        continue; // an empty partition writes nothing
      }
      try (InputStream in = fs.open(p, buf.length)) {
        for (int k; (k = in.read(buf)) > 0; ) {
          out.write(buf, 0, k);
        }
      }
    }
  }

  private static String part(int i) {
    return String.format("part-%05d", i);
  }

  /** A task's share: its rows as CSV lines and JSON lines in two part files; returns {partition, rows}. */
  static final class FormatPart implements Function2<Integer, java.util.Iterator<Row>, java.util.Iterator<long[]>> {
    private final HadoopConf conf;
    private final String parts;
    private final StructType schema;

    FormatPart(HadoopConf conf, String parts, StructType schema) {
      this.conf = conf;
      this.parts = parts;
      this.schema = schema;
    }

    @Override
    public java.util.Iterator<long[]> call(Integer index, java.util.Iterator<Row> rows) throws IOException {
      long n = 0;
      if (rows.hasNext()) {
        Path dir = new Path(parts);
        FileSystem fs = raw(dir.getFileSystem(conf.get()));
        try (java.io.Writer csv = writer(fs, new Path(dir, part(index) + ".csv"));
            java.io.Writer jsonOut = writer(fs, new Path(dir, part(index) + ".jsonl"));
            JsonLines json = new JsonLines(jsonOut, schema)) {
          List<String> cells = new ArrayList<>();
          while (rows.hasNext()) {
            Row r = rows.next();
            cells.clear();
            for (int i = 0; i < r.length(); i++) {
              cells.add(text(r.get(i)));
            }
            csv.write(Cells.csvLine(cells));
            json.write(r);
            n++;
          }
        }
      }
      return List.of(new long[] {index, n}).iterator();
    }

    private static java.io.Writer writer(FileSystem fs, Path p) throws IOException {
      return new java.io.BufferedWriter(new java.io.OutputStreamWriter(fs.create(p, true), StandardCharsets.UTF_8), 1 << 16);
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
      fs.delete(new Path(dir, "." + name + ".crc"), false); // left by an earlier version that wrote checksums
      if (!fs.rename(tmp, target)) {
        throw new IOException("rename " + tmp + " -> " + target + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write report file " + target + ": " + e.getMessage(), e);
    }
  }
}

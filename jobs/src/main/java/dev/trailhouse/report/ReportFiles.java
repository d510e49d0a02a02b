package dev.trailhouse.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/** Writes a day's report files through Hadoop's FileSystem, so the reports root may be local or s3a://. */
public final class ReportFiles {
  private ReportFiles() {}

  /** The text of a CSV file: header from the schema, one line per row. */
  public static String csv(StructType schema, List<Row> rows) {
    StringBuilder b = new StringBuilder(Cells.csvLine(List.of(schema.fieldNames())));
    for (Row r : rows) {
      List<String> cells = new ArrayList<>(r.length());
      for (int i = 0; i < r.length(); i++) {
        cells.add(text(r.get(i)));
      }
      b.append(Cells.csvLine(cells));
    }
    return b.toString();
  }

  /** JSON lines, one object per row. */
  public static String jsonl(List<Row> rows) {
    StringBuilder b = new StringBuilder();
    for (Row r : rows) {
      b.append(r.json()).append('\n');
    }
    return b.toString();
  }

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

  /** Streams rows as CSV (header first) to {@code dir/name}; memory does not grow with the rows. */
  public static void writeCsv(Configuration conf, String dir, String name, StructType schema, java.util.Iterator<Row> rows) {
    write(conf, dir, name, out -> {
      out.write(Cells.csvLine(List.of(schema.fieldNames())));
      while (rows.hasNext()) {
        Row r = rows.next();
        List<String> cells = new ArrayList<>(r.length());
        for (int i = 0; i < r.length(); i++) {
          cells.add(text(r.get(i)));
        }
        out.write(Cells.csvLine(cells));
      }
    });
  }

  /** Streams rows as JSON lines to {@code dir/name}. */
  public static void writeJsonl(Configuration conf, String dir, String name, java.util.Iterator<Row> rows) {
    write(conf, dir, name, out -> {
      while (rows.hasNext()) {
        out.write(rows.next().json());
        out.write('\n');
      }
    });
  }

  /** Writes text produced by {@code body}. */
  interface Body {
    void write(java.io.Writer out) throws IOException;
  }

  /** Writes {@code text} to {@code dir/name}, replacing it: a temporary file, then a rename. */
  public static void write(Configuration conf, String dir, String name, String text) {
    write(conf, dir, name, out -> out.write(text));
  }

  /** Writes to {@code dir/name}, replacing it: a temporary file, then a rename. */
  static void write(Configuration conf, String dir, String name, Body body) {
    Path target = new Path(dir, name);
    Path tmp = new Path(dir, "." + name + ".tmp");
    try {
      FileSystem fs = target.getFileSystem(conf);
      fs.mkdirs(new Path(dir));
      try (OutputStream raw = fs.create(tmp, true);
          java.io.Writer out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(raw, StandardCharsets.UTF_8), 1 << 16)) {
        body.write(out);
      }
      fs.delete(target, false);
      if (!fs.rename(tmp, target)) {
        throw new IOException("rename " + tmp + " -> " + target + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write report file " + target + ": " + e.getMessage(), e);
    }
  }
}

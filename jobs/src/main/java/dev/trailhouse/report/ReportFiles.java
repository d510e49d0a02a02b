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

  /** Writes {@code text} to {@code dir/name}, replacing it: a temporary file, then a rename. */
  public static void write(Configuration conf, String dir, String name, String text) {
    Path target = new Path(dir, name);
    Path tmp = new Path(dir, "." + name + ".tmp");
    try {
      FileSystem fs = target.getFileSystem(conf);
      fs.mkdirs(new Path(dir));
      try (OutputStream out = fs.create(tmp, true)) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
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

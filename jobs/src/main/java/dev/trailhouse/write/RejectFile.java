package dev.trailhouse.write;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.trailhouse.ledger.LogFile;
import dev.trailhouse.ledger.Reject;
import dev.trailhouse.table.Column;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.types.StructType;

/**
 * A read task's rejects, written by the task as it finds them: gzipped JSON lines, one reject a
 * line, in a side folder of the rejects table that Delta ignores. The file is opened at the first
 * reject, so a task without any writes nothing. The run reads the files of the tasks it kept with
 * Spark and MERGEs them into {@code rejects}: no reject passes through the driver.
 */
public final class RejectFile {
  private static final JsonFactory JSON = new JsonFactory();

  /** The columns of a line: those of {@code rejects} that come from the file, not from the run. */
  public static final StructType SCHEMA =
      Column.schema(
          List.of(
              RejectsTable.column(RejectsTable.SOURCE_FILE),
                  RejectsTable.column(RejectsTable.RECORD_INDEX),
              RejectsTable.column(RejectsTable.BYTE_OFFSET),
                  RejectsTable.column(RejectsTable.REASON),
              RejectsTable.column(RejectsTable.SNIPPET),
                  RejectsTable.column(RejectsTable.DELIVERY_DATE),
              RejectsTable.column(RejectsTable.ACCOUNT_ID),
                  RejectsTable.column(RejectsTable.REGION)));

  private final Path path;
  private final Configuration conf;
  private JsonGenerator out;
  private long count;

  /** A reject file {@code name} in {@code dir}; nothing is created until the first reject. */
  public RejectFile(String dir, String name, Configuration conf) {
    this.path = new Path(dir, name);
    this.conf = conf;
  }

  /** Writes one reject of {@code file}. */
  public void add(LogFile file, Reject r) {
    try {
      if (out == null) {
        FileSystem fs = path.getFileSystem(conf);
        out =
            JSON.createGenerator(
                new GZIPOutputStream(fs.create(path, false), 1 << 16), JsonEncoding.UTF8);
        out.setRootValueSeparator(null);
      }
      out.writeStartObject();
      out.writeStringField(RejectsTable.SOURCE_FILE, text(r.file()));
      out.writeNumberField(RejectsTable.RECORD_INDEX, r.recordIndex());
      out.writeNumberField(RejectsTable.BYTE_OFFSET, r.byteOffset());
      out.writeStringField(RejectsTable.REASON, text(r.reason()));
      out.writeStringField(RejectsTable.SNIPPET, text(r.snippet()));
      out.writeStringField(RejectsTable.DELIVERY_DATE, String.valueOf(file.deliveryDate()));
      out.writeStringField(RejectsTable.ACCOUNT_ID, file.accountId());
      out.writeStringField(RejectsTable.REGION, file.region());
      out.writeEndObject();
      out.writeRaw('\n');
      count++;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the rejects file " + path + ": " + e.getMessage(), e);
    }
  }

  /** Rejects written so far. */
  public long count() {
    return count;
  }

  /** Closes the file; its URI, or null when there was no reject. */
  public String finish() throws IOException {
    if (out == null) {
      return null;
    }
    out.close();
    out = null;
    return path.toString();
  }

  /** A failed task removes its file (the run never reads it). */
  public void abandon() {
    try {
      if (out != null) {
        out.close();
      }
      path.getFileSystem(conf).delete(path, false);
    } catch (IOException | RuntimeException ignored) {
      // A stale side folder is removed by a later run.
    }
  }

  /**
   * Lone surrogates (a snippet cut inside a pair) become '?', as Java's own UTF-8 encoder writes
   * them.
   */
  static String text(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean lone =
          Character.isHighSurrogate(c)
              ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
              : Character.isLowSurrogate(c)
                  && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
      if (lone && b == null) {
        b = new StringBuilder(s.substring(0, i));
      }
      if (b != null) {
        b.append(lone ? '?' : c);
      }
    }
    return b == null ? s : b.toString();
  }
}

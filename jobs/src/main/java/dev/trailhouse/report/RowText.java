package dev.trailhouse.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.catalyst.util.TimestampFormatter;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Report rows as CSV lines and JSON lines, formatted straight from Spark's internal rows into UTF-8
 * bytes: no Java strings for ASCII text, which is nearly all of a report. The bytes are those of
 * {@link Cells#csvLine} over {@link ReportFiles#text} of each value, and of Spark's {@code
 * Row.json()} and a line end (one object per line, the schema's field order, nulls written,
 * Jackson's escapes, dates as yyyy-MM-dd, timestamps as Spark formats them in the session time
 * zone). A text value with any byte above 127 is first re-encoded from its Java string, as Spark's
 * rows give it, so that malformed UTF-8 is replaced exactly as there. Covers the types of the
 * report tables.
 */
final class RowText {
  private enum Kind {
    STRING,
    LONG,
    BOOLEAN,
    DATE,
    TIMESTAMP,
    STRINGS
  }

  private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  private final Kind[] kinds;

  /** {@code {"name":} for the first field, {@code ,"name":} for the others. */
  private final byte[][] keys;

  private final TimestampFormatter timestamps;
  private final Out csv;
  private final Out json;

  /** A text value's bytes. */
  private byte[] scratch = new byte[256];

  /** A STRINGS value's items joined for its CSV cell. */
  private byte[] joined = new byte[256];

  /**
   * @param zone the session time zone, which Row.json() formats timestamps in (Trailhouse sessions
   *     use UTC)
   */
  RowText(StructType schema, ZoneId zone, OutputStream csvOut, OutputStream jsonOut) {
    this.timestamps = TimestampFormatter.apply(zone);
    String[] names = schema.fieldNames();
    kinds = new Kind[names.length];
    keys = new byte[names.length][];
    for (int i = 0; i < names.length; i++) {
      kinds[i] = kind(schema.fields()[i].dataType());
      keys[i] = ((i == 0 ? "{" : ",") + "\"" + names[i] + "\":").getBytes(StandardCharsets.UTF_8);
      if (!names[i].matches("[a-z_][a-z0-9_]*")) {
        throw new IllegalArgumentException(
            "RowText writes snake_case column names only, not " + names[i]);
      }
    }
    this.csv = new Out(csvOut);
    this.json = new Out(jsonOut);
  }

  private static Kind kind(DataType t) {
    if (t.equals(DataTypes.StringType)) {
      return Kind.STRING;
    } else if (t.equals(DataTypes.LongType)) {
      return Kind.LONG;
    } else if (t.equals(DataTypes.BooleanType)) {
      return Kind.BOOLEAN;
    } else if (t.equals(DataTypes.DateType)) {
      return Kind.DATE;
    } else if (t.equals(DataTypes.TimestampType)) {
      return Kind.TIMESTAMP;
    } else if (t instanceof ArrayType a && a.elementType().equals(DataTypes.StringType)) {
      return Kind.STRINGS;
    }
    throw new IllegalArgumentException(
        "Report files do not write " + t.simpleString() + " columns");
  }

  /** Writes one row as a CSV line and a JSON line, each with its line end. */
  void write(InternalRow r) throws IOException {
    for (int i = 0; i < kinds.length; i++) {
      if (i > 0) {
        csv.put(',');
      }
      json.put(keys[i]);
      if (r.isNullAt(i)) {
        json.put(NULL);
        continue;
      }
      switch (kinds[i]) {
        case STRING -> {
          int n = text(r.getUTF8String(i));
          csvCell(scratch, n);
          jsonString(scratch, n);
        }
        case LONG -> {
          String v = Long.toString(r.getLong(i));
          csv.put(Cells.csv(v).getBytes(StandardCharsets.US_ASCII));
          json.putAscii(v);
        }
        case BOOLEAN -> {
          String v = r.getBoolean(i) ? "true" : "false";
          csv.putAscii(v);
          json.putAscii(v);
        }
        case DATE -> {
          String v = DateTimeUtils.daysToLocalDate(r.getInt(i)).toString();
          csv.put(Cells.csv(v).getBytes(StandardCharsets.US_ASCII));
          json.put('"');
          json.putAscii(v);
          json.put('"');
        }
        case TIMESTAMP -> {
          Instant t = DateTimeUtils.microsToInstant(r.getLong(i));
          csv.put(Cells.csv(t.toString()).getBytes(StandardCharsets.US_ASCII));
          json.put('"');
          json.putAscii(timestamps.format(t));
          json.put('"');
        }
        case STRINGS -> strings(r.getArray(i));
        default -> throw new IllegalStateException(kinds[i].name());
      }
    }
    csv.put('\r');
    csv.put('\n');
    json.put('}');
    json.put('\n');
  }

  /**
   * An array of strings: a JSON array, and one CSV cell of its items joined by ';' (a null item as
   * "null").
   */
  private void strings(ArrayData a) throws IOException {
    json.put('[');
    int len = 0;
    for (int j = 0; j < a.numElements(); j++) {
      if (j > 0) {
        json.put(',');
        joined = room(joined, len, 1);
        joined[len++] = ';';
      }
      if (a.isNullAt(j)) {
        json.put(NULL);
        joined = room(joined, len, NULL.length);
        System.arraycopy(NULL, 0, joined, len, NULL.length);
        len += NULL.length;
      } else {
        int n = text(a.getUTF8String(j));
        jsonString(scratch, n);
        joined = room(joined, len, n);
        System.arraycopy(scratch, 0, joined, len, n);
        len += n;
      }
    }
    json.put(']');
    csvCell(joined, len);
  }

  /**
   * Puts a text value's UTF-8 bytes in the scratch buffer, as Spark's Java string of it would
   * encode them (the bytes themselves when they are all ASCII); returns their count.
   */
  private int text(UTF8String s) {
    int n = s.numBytes();
    scratch = room(scratch, 0, n);
    s.writeToMemory(scratch, Platform.BYTE_ARRAY_OFFSET);
    for (int i = 0; i < n; i++) {
      if (scratch[i] < 0) {
        byte[] utf8 = s.toString().getBytes(StandardCharsets.UTF_8);
        scratch = room(scratch, 0, utf8.length);
        System.arraycopy(utf8, 0, scratch, 0, utf8.length);
        return utf8.length;
      }
    }
    return n;
  }

  /**
   * {@code buf}, or a copy of its first {@code len} bytes with room for {@code more} after them.
   */
  private static byte[] room(byte[] buf, int len, int more) {
    return buf.length >= len + more
        ? buf
        : java.util.Arrays.copyOf(buf, Math.max(len + more, buf.length * 2));
  }

  /**
   * {@link Cells#csv} of UTF-8 text. Its rules look at ASCII characters only, and no byte of a
   * multi-byte UTF-8 character is ASCII, so they apply to the bytes as they are.
   */
  private void csvCell(byte[] b, int n) throws IOException {
    boolean quote = false;
    for (int i = 0; i < n && !quote; i++) {
      quote = Cells.needsQuotes(b[i]);
    }
    if (quote) {
      csv.put('"');
    }
    if (n > 0 && Cells.formulaStart(b[0])) {
      csv.put('\'');
    }
    if (quote) {
      int from = 0;
      for (int i = 0; i < n; i++) {
        if (b[i] == '"') {
          csv.put(b, from, i + 1 - from);
          csv.put('"');
          from = i + 1;
        }
      }
      csv.put(b, from, n - from);
      csv.put('"');
    } else {
      csv.put(b, 0, n);
    }
  }

  /**
   * A JSON string of UTF-8 text, with Jackson's escapes (ASCII characters only) and the rest as it
   * is.
   */
  private void jsonString(byte[] b, int n) throws IOException {
    json.put('"');
    int from = 0;
    for (int i = 0; i < n; i++) {
      int c = b[i];
      if ((c >= 0 && c < 0x20) || c == '"' || c == '\\') {
        json.put(b, from, i - from);
        escape(c);
        from = i + 1;
      }
    }
    json.put(b, from, n - from);
    json.put('"');
  }

  /** Jackson's escape of a quote, a backslash or a control character. */
  private void escape(int c) throws IOException {
    json.put('\\');
    switch (c) {
      case '"' -> json.put('"');
      case '\\' -> json.put('\\');
      case '\b' -> json.put('b');
      case '\t' -> json.put('t');
      case '\f' -> json.put('f');
      case '\n' -> json.put('n');
      case '\r' -> json.put('r');
      default -> {
        json.put('u');
        json.put('0');
        json.put('0');
        json.put(HEX[c >> 4]);
        json.put(HEX[c & 0xF]);
      }
    }
  }

  /** Hands what is buffered to the streams. */
  void flush() throws IOException {
    csv.flush();
    json.flush();
  }

  /**
   * A byte buffer in front of a stream, without the locking of BufferedOutputStream's single-byte
   * write.
   */
  private static final class Out {
    private final OutputStream sink;
    private final byte[] buf = new byte[1 << 16];
    private int n;

    Out(OutputStream sink) {
      this.sink = sink;
    }

    void put(int b) throws IOException {
      if (n == buf.length) {
        drain();
      }
      buf[n++] = (byte) b;
    }

    void put(byte[] b) throws IOException {
      put(b, 0, b.length);
    }

    void put(byte[] b, int off, int len) throws IOException {
      if (len > buf.length - n) {
        drain();
        if (len > buf.length) {
          sink.write(b, off, len);
          return;
        }
      }
      System.arraycopy(b, off, buf, n, len);
      n += len;
    }

    void putAscii(String s) throws IOException {
      for (int i = 0; i < s.length(); i++) {
        put(s.charAt(i));
      }
    }

    private void drain() throws IOException {
      sink.write(buf, 0, n);
      n = 0;
    }

    void flush() throws IOException {
      drain();
      sink.flush();
    }
  }
}

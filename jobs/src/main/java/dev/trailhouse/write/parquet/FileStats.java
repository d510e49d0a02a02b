package dev.trailhouse.write.parquet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.trailhouse.delta.DeltaAdapter;
import dev.trailhouse.row.EventRow;
import dev.trailhouse.table.EventsTable;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Delta's per-file statistics (numRecords, minValues, maxValues, nullCount) for the table's
 * statistics columns, computed as Delta's own writer computes them: string minimums cut to the
 * prefix length, maximums cut and padded by Delta's own function, timestamps in milliseconds.
 */
final class FileStats {
  private static final JsonFactory JSON = new JsonFactory();
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final List<String> COLUMNS = EventsTable.STATS_COLUMNS;

  private final int prefixLength;
  private final int[] index = new int[COLUMNS.size()];
  private final boolean[] timestamp = new boolean[COLUMNS.size()];
  private final byte[][] min = new byte[COLUMNS.size()][];
  private final byte[][] max = new byte[COLUMNS.size()][];
  private final long[] minTime = new long[COLUMNS.size()];
  private final long[] maxTime = new long[COLUMNS.size()];
  private final long[] nulls = new long[COLUMNS.size()];
  private final boolean[] seen = new boolean[COLUMNS.size()];

  FileStats(int prefixLength) {
    this.prefixLength = prefixLength;
    for (int c = 0; c < index.length; c++) {
      index[c] = EventsTable.index(COLUMNS.get(c));
      timestamp[c] = EventRow.kind(index[c]) == EventRow.Kind.NUMBER;
    }
  }

  void add(EventRow r) {
    for (int c = 0; c < index.length; c++) {
      int i = index[c];
      if (timestamp[c] ? !r.hasNumber(i) : r.length(i) < 0) {
        nulls[c]++;
      } else if (timestamp[c]) {
        long v = r.number(i);
        minTime[c] = seen[c] ? Math.min(minTime[c], v) : v;
        maxTime[c] = seen[c] ? Math.max(maxTime[c], v) : v;
        seen[c] = true;
      } else {
        byte[] b = r.base(i);
        int from = r.offset(i);
        int to = from + r.length(i);
        if (!seen[c] || Arrays.compareUnsigned(b, from, to, min[c], 0, min[c].length) < 0) {
          min[c] = Arrays.copyOfRange(b, from, to);
        }
        if (!seen[c] || Arrays.compareUnsigned(b, from, to, max[c], 0, max[c].length) > 0) {
          max[c] = Arrays.copyOfRange(b, from, to);
        }
        seen[c] = true;
      }
    }
  }

  String json(long rows) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("numRecords", rows);
      g.writeObjectFieldStart("minValues");
      for (int c = 0; c < index.length; c++) {
        if (seen[c]) {
          g.writeStringField(
              COLUMNS.get(c),
              timestamp[c]
                  ? millis(minTime[c])
                  : UTF8String.fromBytes(min[c]).substringSQL(0, prefixLength).toString());
        }
      }
      g.writeEndObject();
      g.writeObjectFieldStart("maxValues");
      for (int c = 0; c < index.length; c++) {
        if (seen[c]) {
          g.writeStringField(
              COLUMNS.get(c),
              timestamp[c]
                  ? millis(maxTime[c])
                  : DeltaAdapter.truncatedMax(
                      prefixLength, UTF8String.fromBytes(max[c]).toString()));
        }
      }
      g.writeEndObject();
      g.writeObjectFieldStart("nullCount");
      for (int c = 0; c < index.length; c++) {
        g.writeNumberField(COLUMNS.get(c), nulls[c]);
      }
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** A timestamp as Delta's JSON statistics hold it: UTC, cut to milliseconds. */
  private static String millis(long micros) {
    return MILLIS.format(Instant.ofEpochMilli(Math.floorDiv(micros, 1000L)));
  }
}

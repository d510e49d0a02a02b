package dev.trailhouse.read;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Converts flattened values (String, Boolean, Instant, LocalDate, Map of strings, List of Rows) to
 * Spark's internal row format directly, with no encoder in between.
 */
final class CatalystRows {
  private CatalystRows() {}

  static InternalRow of(Object[] values) {
    Object[] out = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = value(values[i]);
    }
    return new GenericInternalRow(out);
  }

  @SuppressWarnings("unchecked")
  private static Object value(Object v) {
    if (v == null || v instanceof Boolean || v instanceof Integer || v instanceof Long) {
      return v;
    }
    if (v instanceof String s) {
      return UTF8String.fromString(s);
    }
    if (v instanceof Instant t) {
      return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000L);
    }
    if (v instanceof LocalDate d) {
      return (int) d.toEpochDay();
    }
    if (v instanceof Map<?, ?> m) {
      Object[] keys = new Object[m.size()];
      Object[] vals = new Object[m.size()];
      int i = 0;
      for (Map.Entry<String, String> e : ((Map<String, String>) m).entrySet()) {
        keys[i] = UTF8String.fromString(e.getKey());
        vals[i] = e.getValue() == null ? null : UTF8String.fromString(e.getValue());
        i++;
      }
      return new ArrayBasedMapData(new GenericArrayData(keys), new GenericArrayData(vals));
    }
    if (v instanceof List<?> list) {
      Object[] items = new Object[list.size()];
      for (int i = 0; i < items.length; i++) {
        Row r = (Row) list.get(i);
        Object[] fields = new Object[r.length()];
        for (int f = 0; f < fields.length; f++) {
          fields[f] = value(r.get(f));
        }
        items[i] = new GenericInternalRow(fields);
      }
      return new GenericArrayData(items);
    }
    throw new IllegalArgumentException("No internal form for " + v.getClass());
  }
}

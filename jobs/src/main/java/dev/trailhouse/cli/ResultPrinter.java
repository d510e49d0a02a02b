package dev.trailhouse.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Prints query results as an aligned table, CSV, or JSON lines. CSV and JSON lines stream: rows are
 * written as they arrive, so an export of any size never waits in memory.
 */
final class ResultPrinter {
  private ResultPrinter() {}

  /**
   * Writes every row of {@code rows} as CSV (with a header) or JSON lines; returns the rows
   * written.
   */
  static long stream(PrintStream out, StructType schema, Iterator<Row> rows, String format) {
    long n = 0;
    if (format.equals("csv")) {
      out.println(String.join(",", escapeAll(List.of(schema.fieldNames()))));
    }
    while (rows.hasNext() && !out.checkError()) {
      Row r = rows.next();
      out.println(format.equals("csv") ? String.join(",", escapeAll(cells(r))) : r.json());
      n++;
    }
    out.flush();
    return n;
  }

  private static List<String> escapeAll(List<String> cells) {
    List<String> out = new ArrayList<>();
    for (String c : cells) {
      out.add(
          c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")
              ? "\"" + c.replace("\"", "\"\"") + "\""
              : c);
    }
    return out;
  }

  private static List<String> cells(Row r) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < r.length(); i++) {
      Object v = r.get(i);
      out.add(v == null ? "" : text(v));
    }
    return out;
  }

  private static String text(Object v) {
    if (v instanceof scala.collection.Seq<?> s) {
      return scala.collection.JavaConverters.seqAsJavaList(s).toString();
    }
    if (v instanceof scala.collection.Map<?, ?> m) {
      return scala.collection.JavaConverters.mapAsJavaMap(m).toString();
    }
    return String.valueOf(v);
  }

  /** Prints {@code rows} as an aligned table with a row count. */
  static void table(PrintStream out, StructType schema, List<Row> rows) {
    String[] names = schema.fieldNames();
    int[] width = new int[names.length];
    List<List<String>> cells = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      width[i] = names[i].length();
    }
    for (Row r : rows) {
      List<String> c = cells(r);
      for (int i = 0; i < c.size(); i++) {
        String s = c.get(i).replace('\n', ' ');
        if (s.length() > 80) {
          s = s.substring(0, 77) + "...";
        }
        c.set(i, s);
        width[i] = Math.max(width[i], s.length());
      }
      cells.add(c);
    }
    out.println(line(List.of(names), width));
    StringBuilder sep = new StringBuilder();
    for (int w : width) {
      sep.append(sep.length() == 0 ? "" : "-+-").append("-".repeat(w));
    }
    out.println(sep);
    for (List<String> c : cells) {
      out.println(line(c, width));
    }
    out.println("(" + rows.size() + " row" + (rows.size() == 1 ? "" : "s") + ")");
  }

  private static String line(List<String> cells, int[] width) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        b.append(" | ");
      }
      b.append(String.format("%-" + width[i] + "s", cells.get(i)));
    }
    return b.toString().stripTrailing();
  }
}

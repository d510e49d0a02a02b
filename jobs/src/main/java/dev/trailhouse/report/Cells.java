package dev.trailhouse.report;

import java.util.List;

/** CSV cells: quoted per RFC 4180, and text a spreadsheet would run as a formula neutralised. */
public final class Cells {
  private Cells() {}

  /** One CSV line. */
  public static String csvLine(List<String> cells) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(csv(cells.get(i)));
    }
    return b.append("\r\n").toString();
  }

  /**
   * A cell: a leading =, +, -, @, tab or carriage return gets a ' in front (OWASP's CSV injection
   * advice), then quotes when needed.
   */
  public static String csv(String v) {
    if (v == null) {
      return "";
    }
    String s = v;
    if (!s.isEmpty() && formulaStart(s.charAt(0))) {
      s = "'" + s;
    }
    if (s.chars().anyMatch(Cells::needsQuotes)) {
      s = "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }

  /**
   * A first character that makes a spreadsheet read the cell as a formula: the cell gets a ' in
   * front.
   */
  static boolean formulaStart(int c) {
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
  }

  /** A character that makes the cell quoted (its quotes doubled). */
  static boolean needsQuotes(int c) {
    return c == ',' || c == '"' || c == '\n' || c == '\r';
  }
}

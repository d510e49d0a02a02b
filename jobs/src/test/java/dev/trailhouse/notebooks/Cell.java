package dev.trailhouse.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One code cell of a notebook, in the form the notebooks' conventions allow (notebooks/README.md):
 * the parameter cell ({@code spark.conf.set} lines), a {@code %%sql} cell (run on the cluster), or
 * a {@code %%local} cell (run in the notebook's own Python). Anything else is {@link Kind#OTHER}.
 */
record Cell(String id, Kind kind, String source, List<String> tags) {
  enum Kind {
    PARAMETERS,
    SQL,
    LOCAL,
    OTHER
  }

  static final Pattern PARAM =
      Pattern.compile(
          "spark\\.conf\\.set\\(\"(trailhouse\\.[a-z_]+)\", \"([^\"\\\\]*)\"\\)(\\s+#.*)?");
  static final Pattern MAGIC =
      Pattern.compile("%%sql((?:\\s+-q|\\s+-o\\s+[A-Za-z_][A-Za-z0-9_]*|\\s+-n\\s+\\d+)*)\\s*");
  static final Pattern OUTPUT = Pattern.compile("-o\\s+([A-Za-z_][A-Za-z0-9_]*)");
  static final Pattern VIEW =
      Pattern.compile("(?s)^CREATE OR REPLACE TEMPORARY VIEW ([a-z_]+) AS\\b.*");

  /** The code cells of a notebook, in order. */
  static List<Cell> read(Path notebook) throws IOException {
    JsonNode nb = new ObjectMapper().readTree(notebook.toFile());
    List<Cell> cells = new ArrayList<>();
    for (JsonNode cell : nb.get("cells")) {
      if (!"code".equals(cell.get("cell_type").asText())) {
        continue;
      }
      StringBuilder src = new StringBuilder();
      cell.get("source").forEach(line -> src.append(line.asText()));
      List<String> tags = new ArrayList<>();
      cell.path("metadata").path("tags").forEach(t -> tags.add(t.asText()));
      String code = src.toString();
      Kind kind =
          tags.contains("parameters")
              ? Kind.PARAMETERS
              : MAGIC.matcher(firstLine(code)).matches()
                  ? Kind.SQL
                  : firstLine(code).strip().equals("%%local") ? Kind.LOCAL : Kind.OTHER;
      cells.add(new Cell(cell.path("id").asText(null), kind, code, tags));
    }
    return cells;
  }

  private static String firstLine(String code) {
    int nl = code.indexOf('\n');
    return nl < 0 ? code : code.substring(0, nl);
  }

  /**
   * A parameter cell's settings, key and value; a line that is not one setting or a comment is an
   * error.
   */
  List<String[]> parameters() {
    List<String[]> out = new ArrayList<>();
    for (String line : source.split("\n")) {
      if (line.isBlank() || line.strip().startsWith("#")) {
        continue;
      }
      Matcher m = PARAM.matcher(line.strip());
      if (!m.matches()) {
        throw new AssertionError(
            "parameter cell "
                + id
                + ": not a spark.conf.set(\"trailhouse.<name>\", \"<value>\") line: "
                + line);
      }
      out.add(new String[] {m.group(1), m.group(2)});
    }
    return out;
  }

  /** The SQL of a %%sql cell, without the magic line. */
  String sql() {
    return source.substring(firstLine(source).length()).strip();
  }

  /** The SQL without its comment lines. */
  String sqlWithoutComments() {
    StringBuilder b = new StringBuilder();
    for (String line : sql().split("\n")) {
      if (!line.strip().startsWith("--")) {
        b.append(line).append('\n');
      }
    }
    return b.toString().strip();
  }

  /** The pandas name a %%sql -o cell gives its result, or null. */
  String output() {
    Matcher m = OUTPUT.matcher(firstLine(source));
    return m.find() ? m.group(1) : null;
  }

  /** The temporary view a %%sql cell creates, or null. */
  String view() {
    Matcher m = VIEW.matcher(sqlWithoutComments());
    return m.matches() ? m.group(1) : null;
  }
}

package dev.trailhouse.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared analyst views of {@code notebooks/views.sql} (packaged in the jar as {@code
 * /views.sql}), created as temporary views. A view whose tables do not exist yet is skipped.
 */
public final class SharedViews {
  private static final Logger LOG = LoggerFactory.getLogger(SharedViews.class);

  private SharedViews() {}

  public static void register(SparkSession spark) {
    for (String statement : statements(load())) {
      try {
        spark.sql(statement);
      } catch (Exception e) {
        LOG.debug("View skipped (its tables may not exist yet): {}", e.getMessage());
      }
    }
  }

  static String load() {
    try (InputStream in = SharedViews.class.getResourceAsStream("/views.sql")) {
      return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** Splits SQL text into statements at semicolons that end a line; drops comment-only lines. */
  public static List<String> statements(String sql) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : sql.split("\n")) {
      String t = line.strip();
      if (t.startsWith("--") || t.isEmpty()) {
        continue;
      }
      if (t.endsWith(";")) {
        cur.append(line, 0, line.lastIndexOf(';'));
        out.add(cur.toString().strip());
        cur.setLength(0);
      } else {
        cur.append(line).append('\n');
      }
    }
    if (!cur.toString().isBlank()) {
      out.add(cur.toString().strip());
    }
    return out;
  }
}

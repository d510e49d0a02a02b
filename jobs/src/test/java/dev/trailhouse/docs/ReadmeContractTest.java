package dev.trailhouse.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trailhouse.Repo;
import dev.trailhouse.config.ConfigKey;
import dev.trailhouse.table.Column;
import dev.trailhouse.table.EventsTable;
import dev.trailhouse.write.IngestRunsTable;
import dev.trailhouse.write.IngestedFilesTable;
import dev.trailhouse.write.RejectsTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's column and configuration tables are written from the code's constants, between
 * markers; this test fails when they drift. GENERATE_README=1 rewrites the blocks (review the
 * diff).
 */
class ReadmeContractTest {
  static Map<String, String> blocks() {
    Map<String, String> b = new LinkedHashMap<>();
    b.put("events-columns", columns(EventsTable.COLUMNS));
    b.put("rejects-columns", columns(RejectsTable.COLUMNS));
    b.put("ingested-files-columns", columns(IngestedFilesTable.COLUMNS));
    b.put("ingest-runs-columns", columns(IngestRunsTable.COLUMNS));
    b.put("config-keys", config());
    b.putAll(Extra.blocks());
    return b;
  }

  static String columns(List<Column> columns) {
    StringBuilder s = new StringBuilder("| column | type | meaning |\n|---|---|---|\n");
    for (Column c : columns) {
      s.append("| `")
          .append(c.name())
          .append("` | ")
          .append(c.type().simpleString())
          .append(" | ")
          .append(c.description().replace("|", "\\|"))
          .append(" |\n");
    }
    return s.toString();
  }

  static String config() {
    StringBuilder s = new StringBuilder("| key | default | meaning |\n|---|---|---|\n");
    for (ConfigKey k : ConfigKey.values()) {
      String d =
          k.defaultValue() == null
              ? "(required)"
              : k.defaultValue().isEmpty() ? "(empty)" : "`" + k.defaultValue() + "`";
      s.append("| `")
          .append(k.key())
          .append("` | ")
          .append(d)
          .append(" | ")
          .append(k.description())
          .append(" |\n");
    }
    s.append(
        "| `spark.*` | | Passed to the Spark session as is (e.g. `spark.sql.shuffle.partitions`). |\n");
    return s.toString();
  }

  /** The user documents that may hold generated blocks: the README and docs/*.md. */
  static List<Path> documents() throws IOException {
    List<Path> docs = new java.util.ArrayList<>();
    docs.add(Repo.root().resolve("README.md"));
    try (var s = Files.list(Repo.root().resolve("docs"))) {
      s.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    return docs;
  }

  @Test
  void readmeBlocksMatchTheCode() throws IOException {
    Map<String, String> blocks = blocks();
    Map<String, Path> placed = new LinkedHashMap<>();
    for (Path doc : documents()) {
      String text = Files.readString(doc, StandardCharsets.UTF_8);
      String updated = text;
      for (Map.Entry<String, String> e : blocks.entrySet()) {
        String begin = "<!-- " + e.getKey() + ":begin -->\n";
        String end = "<!-- " + e.getKey() + ":end -->";
        int i = updated.indexOf(begin);
        if (i < 0) {
          continue;
        }
        int j = updated.indexOf(end, i);
        if (j < 0) {
          throw new AssertionError(doc + " has " + begin.strip() + " without " + end);
        }
        Path before = placed.put(e.getKey(), doc);
        if (before != null) {
          throw new AssertionError("block " + e.getKey() + " is in both " + before + " and " + doc);
        }
        updated = updated.substring(0, i + begin.length()) + e.getValue() + updated.substring(j);
      }
      if ("1".equals(System.getenv("GENERATE_README"))) {
        Files.writeString(doc, updated, StandardCharsets.UTF_8);
      }
      assertEquals(
          updated,
          text,
          doc.getFileName()
              + " tables differ from the code; run GENERATE_README=1 mvn test -Dtest=ReadmeContractTest and review the diff");
    }
    for (String key : blocks.keySet()) {
      if (!placed.containsKey(key)) {
        throw new AssertionError(
            "no document (README.md, docs/*.md) has the block <!-- " + key + ":begin -->");
      }
    }
  }

  /** Blocks contributed by other parts (report tables, verification). */
  static final class Extra {
    static Map<String, String> blocks() {
      return Map.of(
          "access-daily-columns", columns(dev.trailhouse.report.AccessDailyTable.COLUMNS),
          "changes-daily-columns", columns(dev.trailhouse.report.ChangesDailyTable.COLUMNS),
          "findings-columns", columns(dev.trailhouse.findings.FindingsTable.COLUMNS),
          "verification-columns", columns(dev.trailhouse.verify.VerificationTable.COLUMNS),
          "command-runs-columns", columns(dev.trailhouse.write.CommandRunsTable.COLUMNS));
    }
  }
}

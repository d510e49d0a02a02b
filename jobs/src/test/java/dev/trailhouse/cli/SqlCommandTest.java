package dev.trailhouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trailhouse.TestSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports are whole: csv and jsonl write every row unless --limit; a table that leaves rows out
 * says so.
 */
class SqlCommandTest {
  @TempDir Path dir;
  private final SparkSession spark = TestSpark.session();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream oldOut;
  private PrintStream oldErr;

  @BeforeEach
  void capture() {
    oldOut = System.out;
    oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(oldOut);
    System.setErr(oldErr);
  }

  /** Runs the command; returns stdout's lines, stderr in {@link #err}. */
  private List<String> sql(String... extra) {
    out.reset();
    err.reset();
    List<String> argv =
        new ArrayList<>(
            List.of(
                "sql",
                "SELECT record_index, reason FROM rejects ORDER BY record_index",
                "--set",
                "input=" + dir.resolve("trail"),
                "--set",
                "warehouse=" + dir.resolve("wh")));
    argv.addAll(List.of(extra));
    assertEquals(
        0, Main.run(argv.toArray(new String[0])), () -> err.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void exportsWriteEveryRowAndATableSaysWhatItLeftOut() {
    // A 3,000-row table in 7 files, so the export crosses partitions.
    spark
        .range(0, 3000, 1, 7)
        .selectExpr("cast(id AS int) AS record_index", "concat('r, \"', id, '\"') AS reason")
        .write()
        .format("delta")
        .save(dir.resolve("wh/rejects").toString());

    List<String> jsonl = sql("--format", "jsonl");
    assertEquals(3000, jsonl.size());
    assertEquals("{\"record_index\":0,\"reason\":\"r, \\\"0\\\"\"}", jsonl.get(0));
    assertEquals("{\"record_index\":2999,\"reason\":\"r, \\\"2999\\\"\"}", jsonl.get(2999));
    assertEquals("", err.toString(StandardCharsets.UTF_8));

    List<String> csv = sql("--format", "csv");
    assertEquals(3001, csv.size());
    assertEquals("record_index,reason", csv.get(0));
    assertEquals("2999,\"r, \"\"2999\"\"\"", csv.get(3000));

    assertEquals(5, sql("--format", "jsonl", "--limit", "5").size());
    assertEquals(List.of("record_index,reason"), sql("--format", "csv", "--limit", "0"));

    List<String> table = sql();
    assertEquals(1003, table.size());
    assertEquals("(1000 rows)", table.get(1002));
    assertEquals(
        "trailhouse: 2000 of 3000 rows left out (the table shows 1000); --limit 3000 shows them all, "
            + "--format csv or --format jsonl writes every row.",
        err.toString(StandardCharsets.UTF_8).strip());

    assertEquals(3003, sql("--limit", "3000").size());
    assertEquals("", err.toString(StandardCharsets.UTF_8));
  }
}

package dev.trailhouse.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailhouse.Repo;
import dev.trailhouse.SampleLake;
import dev.trailhouse.cli.SharedViews;
import dev.trailhouse.cli.TableDdl;
import dev.trailhouse.table.Tables;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every notebooks/*.ipynb, as EMR Studio's PySpark kernel would run it, against the tables built
 * from test-data/ and registered in a catalog database by {@code trailhouse ddl --engine spark}'s
 * statements: the real nbformat validates the file; the parameter cell's settings are applied; each
 * {@code %%sql} cell runs in order (a {@code -o name} result must have rows and is handed on as
 * sparkmagic hands it on); each {@code %%local} chart cell runs in Debian's Python with real pandas
 * and matplotlib and must write a chart. The conventions of notebooks/README.md are checked too.
 */
class NotebookQueriesTest {
  static final Path NOTEBOOKS = Repo.root().resolve("notebooks");
  static final Path HARNESS = Repo.root().resolve("jobs/src/test/python/notebook_cells.py");
  static final Path OUT =
      Path.of(System.getProperty("trailhouse.build.dir", "target")).resolve("notebook-runs");
  static final String PYTHON = "/usr/bin/python3";
  static final int MAX_ROWS = 2500;
  static final Pattern PARTITION_FILTERS = Pattern.compile("PartitionFilters: \\[([^\\]]*)\\]");
  static SparkSession spark;

  @BeforeAll
  static void lake() {
    spark = SampleLake.session();
  }

  @AfterAll
  static void restoreSampleViews() {
    SampleLake
        .session(); // the notebooks replaced the sample lake's views by their day-filtered ones
  }

  static List<Path> notebooks() throws IOException {
    try (Stream<Path> s = Files.list(NOTEBOOKS)) {
      return s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
    }
  }

  /**
   * Registers the sample lake's tables in {@code db} with the statements {@code trailhouse ddl
   * --engine spark} prints.
   */
  static void register(String db) {
    List<String> existing = new ArrayList<>();
    for (String t : Tables.NAMES) {
      if (DeltaTable.isDeltaTable(spark, SampleLake.config().table(t))) {
        existing.add(t);
      }
    }
    for (String statement :
        TableDdl.all(TableDdl.Engine.SPARK, db, SampleLake.config().warehouse(), existing)) {
      spark.sql(statement);
    }
  }

  static Map<String, String> parameters(List<Cell> cells) {
    Map<String, String> p = new LinkedHashMap<>();
    for (Cell c : cells) {
      if (c.kind() == Cell.Kind.PARAMETERS) {
        c.parameters().forEach(kv -> p.put(kv[0], kv[1]));
      }
    }
    return p;
  }

  record Run(int exitCode, String output) {}

  static Run python(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(PYTHON, HARNESS.toString()));
    cmd.addAll(List.of(args));
    Files.createDirectories(OUT.resolve("mplconfig"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("MPLBACKEND", "Agg");
    pb.environment().put("MPLCONFIGDIR", OUT.resolve("mplconfig").toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "python did not end");
    return new Run(p.exitValue(), out);
  }

  @Test
  void everyNotebookPassesNbformatValidationWithCellIds() throws Exception {
    List<String> args = new ArrayList<>(List.of("validate"));
    notebooks().forEach(p -> args.add(p.toString()));
    Run r = python(args.toArray(new String[0]));
    assertEquals(
        0,
        r.exitCode(),
        "nbformat (Debian python3-nbformat, installed by .ci/run):\n" + r.output());
    assertEquals(
        notebooks().size(),
        r.output().strip().lines().filter(l -> l.endsWith("nbformat 4.5 valid")).count(),
        r.output());
  }

  @Test
  void everyNotebookFollowsTheConventions() throws IOException {
    List<Path> all = notebooks();
    assertTrue(all.size() >= 7, "notebooks: " + all);
    Map<String, String> shared = new LinkedHashMap<>();
    for (String s : SharedViews.statements(Files.readString(NOTEBOOKS.resolve("views.sql")))) {
      Matcher m = Cell.VIEW.matcher(s);
      assertTrue(m.matches(), s);
      shared.put(m.group(1), s);
    }
    for (Path p : all) {
      String name = p.getFileName().toString();
      JsonNode nb = new ObjectMapper().readTree(p.toFile());
      assertEquals(
          "pysparkkernel", nb.path("metadata").path("kernelspec").path("name").asText(), name);
      List<Cell> cells = Cell.read(p);
      assertEquals(
          Cell.Kind.PARAMETERS,
          cells.get(0).kind(),
          name + ": the first code cell is the parameter cell");
      assertEquals(1, cells.stream().filter(c -> c.kind() == Cell.Kind.PARAMETERS).count(), name);
      Map<String, String> params = parameters(cells);
      for (String key :
          List.of(
              "trailhouse.database", "trailhouse.warehouse", "trailhouse.from", "trailhouse.to")) {
        assertTrue(params.containsKey(key), name + " parameter cell lacks " + key);
      }
      boolean output = false;
      boolean chart = false;
      for (Cell c : cells) {
        String where = name + " cell " + c.id();
        assertNotEquals(
            Cell.Kind.OTHER,
            c.kind(),
            where + ": a code cell is the parameter cell, %%sql or %%local");
        for (String banned :
            List.of("import lake", "open(", "../", "views.sql", "spark.read", "sc.")) {
          assertFalse(
              c.source().contains(banned), where + " reads a local file or module: " + banned);
        }
        if (c.kind() == Cell.Kind.SQL) {
          String view = c.view();
          boolean table = view != null && Tables.NAMES.contains(view);
          // Only a table's view reads the catalog or the warehouse, and it keeps the days asked.
          assertEquals(table, c.sql().contains("${trailhouse.database}"), where);
          if (table) {
            assertTrue(
                c.sql().contains("${trailhouse.from}"),
                where + ": a table's view filters to the days asked");
          } else if (view != null) {
            assertEquals(
                shared.get(view),
                c.sqlWithoutComments(),
                where + ": view " + view + " differs from views.sql");
          }
          output |= c.output() != null;
        }
        if (c.kind() == Cell.Kind.LOCAL) {
          assertTrue(output, where + ": a chart cell follows a %%sql -o cell");
          for (String line : c.source().split("\n")) {
            if (line.startsWith("import ") || line.startsWith("from ")) {
              assertTrue(
                  line.matches("(import|from) (matplotlib|pandas)\\b.*"), where + ": " + line);
            }
          }
          chart = true;
        }
      }
      assertTrue(chart, name + " ends without a %%local chart");
    }
  }

  private static void assertNotEquals(Object unexpected, Object actual, String message) {
    org.junit.jupiter.api.Assertions.assertNotEquals(unexpected, actual, message);
  }

  @Test
  void viewsFileIsTheOnePackagedInTheJar() throws IOException {
    try (var in = SharedViews.class.getResourceAsStream("/views.sql")) {
      assertEquals(
          Files.readString(NOTEBOOKS.resolve("views.sql")),
          new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @TestFactory
  List<DynamicNode> everyCellRuns() throws IOException {
    List<DynamicNode> out = new ArrayList<>();
    for (Path p : notebooks()) {
      String name = p.getFileName().toString().replace(".ipynb", "");
      List<Cell> cells = Cell.read(p);
      Path dir = OUT.resolve(name);
      List<DynamicTest> tests = new ArrayList<>();
      tests.add(
          DynamicTest.dynamicTest(
              "parameters",
              () -> {
                deleteTree(dir);
                Files.createDirectories(dir.resolve("data"));
                Map<String, String> params = parameters(cells);
                register(params.get("trailhouse.database"));
                params.forEach((k, v) -> spark.conf().set(k, v));
              }));
      for (Cell c : cells) {
        if (c.kind() == Cell.Kind.SQL) {
          tests.add(DynamicTest.dynamicTest("sql " + c.id(), () -> sql(c, dir)));
        } else if (c.kind() == Cell.Kind.LOCAL) {
          tests.add(DynamicTest.dynamicTest("chart " + c.id(), () -> chart(c, dir)));
        }
      }
      out.add(DynamicContainer.dynamicContainer(name, tests));
    }
    return out;
  }

  private static void sql(Cell c, Path dir) throws IOException {
    var result = spark.sql(c.sql());
    String view = c.view();
    if (view != null && Tables.NAMES.contains(view)) {
      assertPrunes(view, c.id());
    }
    if (c.output() != null) {
      List<String> rows = result.limit(MAX_ROWS).toJSON().collectAsList();
      assertFalse(
          rows.isEmpty(), "cell " + c.id() + " returned no rows on the sample lake:\n" + c.sql());
      Files.write(dir.resolve("data").resolve(c.output() + ".jsonl"), rows, StandardCharsets.UTF_8);
    }
  }

  /**
   * The table's view reads only the partitions of the days asked (each partition column is filtered
   * in the scan).
   */
  private static void assertPrunes(String view, String cell) {
    List<Row> detail =
        spark
            .sql("DESCRIBE DETAIL " + spark.conf().get("trailhouse.database") + "." + view)
            .collectAsList();
    List<String> partitionColumns =
        detail.get(0).getList(detail.get(0).fieldIndex("partitionColumns"));
    String plan = spark.table(view).queryExecution().executedPlan().toString();
    Matcher m = PARTITION_FILTERS.matcher(plan);
    String filters = m.find() ? m.group(1) : "";
    for (String column : partitionColumns) {
      assertTrue(
          filters.contains(column + "#"),
          "cell " + cell + ": the scan of " + view + " does not prune on " + column + ":\n" + plan);
    }
  }

  private static void chart(Cell c, Path dir) throws Exception {
    Path code = dir.resolve("cell-" + c.id() + ".py");
    Path png = dir.resolve("chart-" + c.id() + ".png");
    Files.writeString(code, c.source(), StandardCharsets.UTF_8);
    Run r = python("chart", code.toString(), dir.resolve("data").toString(), png.toString());
    assertEquals(0, r.exitCode(), "chart cell " + c.id() + " failed:\n" + r.output());
    assertTrue(Files.size(png) > 1000, png + " is " + Files.size(png) + " bytes");
  }

  /**
   * The warehouse alternative of the parameter cell (database "") reads the same rows as the
   * catalog.
   */
  @Test
  void warehouseParameterReadsTheSameTablesAsTheDatabase() throws IOException {
    Path p = NOTEBOOKS.resolve("07_ingest_health.ipynb");
    List<Cell> cells = Cell.read(p);
    Map<String, String> params = parameters(cells);
    register(params.get("trailhouse.database"));
    params.forEach((k, v) -> spark.conf().set(k, v));
    Map<String, Long> byDatabase = new LinkedHashMap<>();
    Map<String, Long> byWarehouse = new LinkedHashMap<>();
    List<Cell> tables =
        cells.stream().filter(c -> c.view() != null && Tables.NAMES.contains(c.view())).toList();
    assertEquals(
        new TreeSet<>(List.of("events", "ingest_runs", "rejects")),
        new TreeSet<>(tables.stream().map(Cell::view).toList()));
    for (Cell c : tables) {
      spark.sql(c.sql());
      byDatabase.put(c.view(), spark.table(c.view()).count());
    }
    spark.conf().set("trailhouse.database", "");
    spark.conf().set("trailhouse.warehouse", SampleLake.config().warehouse());
    try {
      for (Cell c : tables) {
        spark.sql(c.sql());
        byWarehouse.put(c.view(), spark.table(c.view()).count());
      }
    } finally {
      spark.conf().set("trailhouse.database", params.get("trailhouse.database"));
    }
    assertEquals(byDatabase, byWarehouse);
    assertTrue(byDatabase.get("events") > 0, byDatabase.toString());
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}

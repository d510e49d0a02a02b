package dev.trailhouse.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailhouse.Repo;
import dev.trailhouse.SampleLake;
import dev.trailhouse.cli.SharedViews;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Opens every notebook, takes its parameter cell's Spark settings and every SQL statement
 * ({@code spark.sql("""...""")} and {@code %%sql} cells), and runs each against the tables built
 * from test-data/: an error, or no rows where the sample has data, fails.
 */
class NotebookQueriesTest {
  static final Path NOTEBOOKS = Repo.root().resolve("notebooks");
  static final Pattern SQL = Pattern.compile("spark\\.sql\\(\"\"\"(.*?)\"\"\"\\)", Pattern.DOTALL);
  static final Pattern PARAM = Pattern.compile("spark\\.conf\\.set\\(\"([^\"]+)\",\\s*\"([^\"]*)\"\\)");
  static SparkSession spark;

  record Notebook(Path path, List<String[]> params, List<String> queries) {}

  @BeforeAll
  static void lake() {
    spark = SampleLake.session();
  }

  static List<Path> notebooks() throws IOException {
    try (Stream<Path> s = Files.list(NOTEBOOKS)) {
      return s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
    }
  }

  static Notebook read(Path p) throws IOException {
    JsonNode nb = new ObjectMapper().readTree(p.toFile());
    List<String[]> params = new ArrayList<>();
    List<String> queries = new ArrayList<>();
    for (JsonNode cell : nb.get("cells")) {
      if (!"code".equals(cell.get("cell_type").asText())) {
        continue;
      }
      StringBuilder src = new StringBuilder();
      cell.get("source").forEach(line -> src.append(line.asText()));
      String code = src.toString();
      if (code.startsWith("%%sql")) {
        queries.add(code.substring("%%sql".length()).strip());
        continue;
      }
      Matcher pm = PARAM.matcher(code);
      while (pm.find()) {
        params.add(new String[] {pm.group(1), pm.group(2)});
      }
      Matcher m = SQL.matcher(code);
      while (m.find()) {
        queries.add(m.group(1).strip());
      }
    }
    return new Notebook(p, params, queries);
  }

  @Test
  void thereAreNotebooksAndEachHasQueriesAndAChart() throws IOException {
    List<Path> all = notebooks();
    assertTrue(all.size() >= 7, "notebooks: " + all);
    for (Path p : all) {
      Notebook n = read(p);
      assertFalse(n.queries().isEmpty(), p + " has no SQL");
      assertTrue(Files.readString(p).contains(".plot"), p + " ends without a chart");
    }
  }

  @Test
  void viewsFileIsTheOnePackagedInTheJar() throws IOException {
    assertEquals(Files.readString(NOTEBOOKS.resolve("views.sql")), invokeLoad());
  }

  private static String invokeLoad() {
    try (var in = SharedViews.class.getResourceAsStream("/views.sql")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @TestFactory
  List<DynamicTest> everyQueryRunsAndReturnsRows() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path p : notebooks()) {
      Notebook n = read(p);
      for (int i = 0; i < n.queries().size(); i++) {
        String sql = n.queries().get(i);
        tests.add(DynamicTest.dynamicTest(p.getFileName() + " query " + (i + 1), () -> {
          for (String[] kv : n.params()) {
            spark.conf().set(kv[0], kv[1]);
          }
          List<Row> rows = spark.sql(sql).limit(1000).collectAsList();
          assertFalse(rows.isEmpty(), p.getFileName() + " returned no rows for:\n" + sql);
        }));
      }
    }
    return tests;
  }
}

package dev.trailhouse.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trailhouse.Repo;
import dev.trailhouse.cli.SharedViews;
import dev.trailhouse.table.Tables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * notebooks/views-athena.sql parses with Trino's own parser (trino-parser 435, in a JVM of its own:
 * jobs/src/test/trino/TrinoViews.java), defines the views of views.sql in the same order over the
 * same tables, and calls only functions that Athena's Trino engine has.
 */
class AthenaViewsTest {
  static final Path NOTEBOOKS = Repo.root().resolve("notebooks");
  static final Path PROGRAM = Repo.root().resolve("jobs/src/test/trino/TrinoViews.java");
  static final Path JARS =
      Path.of(System.getProperty("trailhouse.build.dir", "target")).resolve("test-tools/trino");

  /** Trino functions the views may call (https://trino.io/docs/current/functions/list.html). */
  static final Set<String> TRINO_FUNCTIONS =
      Set.of(
          "any_match",
          "count",
          "date_diff",
          "date_parse",
          "element_at",
          "lower",
          "map_values",
          "max",
          "min",
          "regexp_extract",
          "regexp_like",
          "row_number");

  static final Pattern LINE = Pattern.compile("(\\w+) (\\w*) tables=([\\w,]*) functions=([\\w,]*)");
  static final Pattern SPARK_VIEW =
      Pattern.compile("(?s)CREATE OR REPLACE TEMPORARY VIEW (\\w+) AS.*");
  static final Pattern FROM = Pattern.compile("\\bFROM\\s+([a-z_]+)");

  record Result(int exitCode, String output) {}

  static Result parse(Path sql) throws IOException, InterruptedException {
    List<String> jars = new ArrayList<>();
    try (Stream<Path> s = Files.list(JARS)) {
      s.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> jars.add(p.toString()));
    }
    assertEquals(5, jars.size(), "trino-parser and its dependencies, copied by the build: " + jars);
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                javaBin,
                "-cp",
                String.join(java.io.File.pathSeparator, jars),
                PROGRAM.toString(),
                sql.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the parser did not end");
    return new Result(p.exitValue(), out);
  }

  @Test
  void athenaViewsParseWithTrinoAndMatchTheSparkViews() throws Exception {
    Result r = parse(NOTEBOOKS.resolve("views-athena.sql"));
    assertEquals(0, r.exitCode(), r.output());
    Map<String, Set<String>> athena = new LinkedHashMap<>();
    for (String line : r.output().strip().split("\n")) {
      Matcher m = LINE.matcher(line);
      assertTrue(m.matches(), line);
      assertEquals("CreateView", m.group(1), line);
      athena.put(m.group(2), new TreeSet<>(List.of(m.group(3).split(","))));
      for (String f : m.group(4).isEmpty() ? new String[0] : m.group(4).split(",")) {
        assertTrue(
            TRINO_FUNCTIONS.contains(f),
            m.group(2) + " calls " + f + ", not in the checked Trino functions");
      }
    }
    Map<String, Set<String>> spark = new LinkedHashMap<>();
    for (String s : SharedViews.statements(Files.readString(NOTEBOOKS.resolve("views.sql")))) {
      Matcher m = SPARK_VIEW.matcher(s);
      assertTrue(m.matches(), s);
      Set<String> from = new TreeSet<>();
      Matcher f = FROM.matcher(s);
      while (f.find()) {
        from.add(f.group(1));
      }
      spark.put(m.group(1), from);
    }
    assertEquals(
        new ArrayList<>(spark.keySet()),
        new ArrayList<>(athena.keySet()),
        "the same views in the same order");
    assertEquals(spark, athena, "each view reads the same tables and views");
    for (Set<String> from : athena.values()) {
      for (String t : from) {
        assertTrue(Tables.NAMES.contains(t) || athena.containsKey(t), t);
      }
    }
  }

  @Test
  void trinosParserRefusesTheSparkDialect() throws Exception {
    Result r = parse(NOTEBOOKS.resolve("views.sql"));
    assertNotEquals(0, r.exitCode(), r.output());
    assertTrue(r.output().contains("io.trino.sql.parser.ParsingException"), r.output());
  }
}

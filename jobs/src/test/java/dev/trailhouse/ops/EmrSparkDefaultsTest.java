package dev.trailhouse.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailhouse.Repo;
import dev.trailhouse.SampleLake;
import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Any Spark session on a cluster made from conf/emr/configurations.json works, with or without our
 * jar: a separate JVM with only Spark's and Delta's jars on its classpath (what delta-defaults
 * gives every session) and exactly the file's spark-defaults, through spark-submit's
 * --properties-file, runs SELECT 1 and reads the events table an ingest wrote, by SQL as an analyst
 * would.
 */
class EmrSparkDefaultsTest {
  @TempDir Path dir;

  static final String PROBE =
      String.join(
          "\n",
          "import org.apache.spark.sql.Row;",
          "import org.apache.spark.sql.SparkSession;",
          "public class Probe {",
          "  public static void main(String[] a) {",
          "    SparkSession s = SparkSession.builder().getOrCreate();",
          "    System.out.println(\"select1=\" + s.sql(\"SELECT 1\").first().get(0));",
          "    Row r = s.sql(\"SELECT count(*), count(DISTINCT event_id) FROM delta.`\" + a[0] + \"`\").first();",
          "    System.out.println(\"events=\" + r.get(0) + \",\" + r.get(1));",
          "    s.stop();",
          "  }",
          "}",
          "");

  @Test
  void aSessionWithTheClusterDefaultsAndWithoutOurJarReadsTheEventsTable() throws Exception {
    JsonNode classifications =
        new ObjectMapper().readTree(Repo.root().resolve("conf/emr/configurations.json").toFile());
    StringBuilder defaults = new StringBuilder();
    String deltaEnabled = null;
    for (JsonNode c : classifications) {
      if (c.get("Classification").asText().equals("spark-defaults")) {
        for (Iterator<Map.Entry<String, JsonNode>> it = c.get("Properties").fields();
            it.hasNext(); ) {
          Map.Entry<String, JsonNode> p = it.next();
          defaults.append(p.getKey()).append(' ').append(p.getValue().asText()).append('\n');
        }
      }
      if (c.get("Classification").asText().equals("delta-defaults")) {
        deltaEnabled = c.get("Properties").get("delta.enabled").asText();
      }
    }
    assertEquals("true", deltaEnabled, "configurations.json enables EMR's Delta (delta-defaults)");
    Path properties = dir.resolve("spark-defaults.conf");
    Files.writeString(properties, defaults.toString());

    String events = SampleLake.config().table("events");
    Row expected =
        SampleLake.session()
            .read()
            .format("delta")
            .load(events)
            .selectExpr("count(*)", "count(DISTINCT event_id)")
            .first();

    Path build = Path.of(System.getProperty("trailhouse.build.dir", "target"));
    String spark = Files.readString(build.resolve("spark-only-classpath.txt")).trim();
    String delta = Files.readString(build.resolve("delta-classpath.txt")).trim();
    Path jar = probeJar(spark);

    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens=java.base/java.util=ALL-UNNAMED",
                "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
                "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
                "-cp",
                spark + File.pathSeparator + delta,
                "org.apache.spark.deploy.SparkSubmit",
                "--master",
                "local[1]",
                "--properties-file",
                properties.toString(),
                "--conf",
                "spark.ui.enabled=false",
                "--conf",
                "spark.driver.bindAddress=127.0.0.1",
                "--class",
                "Probe",
                jar.toString(),
                events));
    Path out = dir.resolve("out");
    Path err = dir.resolve("err");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process p = pb.start();
    if (!p.waitFor(900, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the probe did not finish in 900 s");
    }
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
    assertEquals(
        List.of("select1=1", "events=" + expected.get(0) + "," + expected.get(1)),
        stdout.lines().filter(l -> l.startsWith("select1=") || l.startsWith("events=")).toList());
    assertTrue(expected.getLong(0) > 300, "the sample lake's events: " + expected);
  }

  /** A jar with the probe only, compiled against Spark's jars: none of our classes. */
  private Path probeJar(String sparkClasspath) throws Exception {
    Path src = dir.resolve("src/Probe.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, PROBE);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    int rc =
        ToolProvider.getSystemJavaCompiler()
            .run(null, null, null, "-cp", sparkClasspath, "-d", classes.toString(), src.toString());
    assertEquals(0, rc, "the probe compiles");
    Path jar = dir.resolve("probe.jar");
    try (OutputStream o = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(o)) {
      j.putNextEntry(new JarEntry("Probe.class"));
      j.write(Files.readAllBytes(classes.resolve("Probe.class")));
      j.closeEntry();
    }
    return jar;
  }
}

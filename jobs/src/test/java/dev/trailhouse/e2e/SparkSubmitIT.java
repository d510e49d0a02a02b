package dev.trailhouse.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trailhouse.Repo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged shaded jar run through Spark's own launcher class, with only Spark's jars on the
 * classpath and Delta's two jars given with {@code --jars}, as EMR runs it: a dependency clash
 * between the jar and Spark, or a class the jar lacks, fails here, not on EMR.
 */
class SparkSubmitIT {
  @TempDir Path dir;

  record Result(int exit, String out, String err) {}

  static Path build() {
    return Path.of(System.getProperty("trailhouse.build.dir", "target"));
  }

  /** Delta's two jars that the build resolved (3.3.2), as --jars takes them. */
  static String deltaJars() throws IOException {
    return Files.readString(build().resolve("delta-classpath.txt"))
        .trim()
        .replace(java.io.File.pathSeparator, ",");
  }

  Result submit(String... appArgs) throws IOException, InterruptedException {
    return submitWith(deltaJars(), appArgs);
  }

  Result submitWith(String deltaJars, String... appArgs) throws IOException, InterruptedException {
    Path build = build();
    // Spark's jars only; Delta's two jars come with --jars, as EMR's delta-defaults adds them.
    String sparkClasspath = Files.readString(build.resolve("spark-only-classpath.txt")).trim();
    String jar =
        System.getProperty("trailhouse.jar", build.resolve("trailhouse-jobs.jar").toString());
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                // What spark-submit's launcher (JavaModuleOptions) adds on Java 17 before starting
                // SparkSubmit.
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens=java.base/java.util=ALL-UNNAMED",
                "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
                "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
                "-cp",
                sparkClasspath,
                "org.apache.spark.deploy.SparkSubmit",
                "--master",
                "local[2]",
                "--class",
                "dev.trailhouse.cli.Main",
                "--conf",
                "spark.ui.enabled=false",
                "--conf",
                "spark.driver.bindAddress=127.0.0.1",
                "--conf",
                "spark.sql.shuffle.partitions=2",
                "--jars",
                deltaJars,
                jar));
    cmd.addAll(List.of(appArgs));
    Path out = dir.resolve("out-" + System.nanoTime());
    Path err = dir.resolve("err-" + System.nanoTime());
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process p = pb.start();
    if (!p.waitFor(900, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("spark-submit did not finish in 900 s");
    }
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void ingestThenQueryThroughSparkSubmit() throws Exception {
    String conf = Repo.root().resolve("conf/local.yaml").toString();
    String wh = "warehouse=" + dir.resolve("wh");
    Result ingest =
        submit("ingest", "--from", "2025-03-24", "--to", "2025-03-26", "--conf", conf, "--set", wh);
    assertEquals(0, ingest.exit(), ingest.err());
    assertTrue(
        ingest.out().contains("trailhouse ingest 2025-03-24..2025-03-26 succeeded: files listed="),
        ingest.out());

    Result sql =
        submit(
            "sql",
            "SELECT count(*) AS n, count(DISTINCT event_id) AS d FROM events",
            "--format",
            "csv",
            "--conf",
            conf,
            "--set",
            wh);
    assertEquals(0, sql.exit(), sql.err());
    String[] lines = sql.out().strip().split("\n");
    assertEquals("n,d", lines[0]);
    String[] nd = lines[1].split(",");
    assertEquals(nd[0], nd[1]);
    assertTrue(Long.parseLong(nd[0]) > 0);
  }

  @Test
  void anUnsupportedDeltaStopsTheJobWithExitTwo() throws Exception {
    Path old = build().resolve("test-tools/delta-3.2.1");
    String jars =
        old.resolve("delta-spark_2.12-3.2.1.jar") + "," + old.resolve("delta-storage-3.2.1.jar");
    Result r =
        submitWith(
            jars,
            "ingest",
            "--from",
            "2025-03-24",
            "--to",
            "2025-03-24",
            "--conf",
            Repo.root().resolve("conf/local.yaml").toString(),
            "--set",
            "warehouse=" + dir.resolve("wh"));
    assertEquals(2, r.exit(), r.err());
    assertTrue(
        r.err()
            .contains(
                "trailhouse: Delta 3.2.1 is on the classpath, but this Trailhouse build supports only "
                    + "Delta 3.3.2 (shipped by EMR 7.11, 7.12 and 7.13)."),
        r.err());
    assertTrue(!Files.exists(dir.resolve("wh")), "nothing written");
  }

  @Test
  void badUsageExitsTwoWithTheFix() throws Exception {
    Result r = submit("ingest", "--from", "2025-03-24");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("'trailhouse ingest' needs --to, e.g. --to 2025-03-24."), r.err());
  }
}

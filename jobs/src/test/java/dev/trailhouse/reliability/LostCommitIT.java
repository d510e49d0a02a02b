package dev.trailhouse.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailhouse.Repo;
import dev.trailhouse.S3Server;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hazard, shown: two writer JVMs append to one Delta table on s3a:// (S3Proxy), and both reach
 * "write commit 1" after checking that it does not exist ({@link HoldingS3AFileSystem} holds that
 * window open until both are in it, so the race is lost every time, not by luck). With Delta's
 * default S3 log store both report commit 1 and the second PUT replaces the first: one commit is
 * lost. This is why the README asks for one writer per lake, or Delta's S3DynamoDBLogStore
 * (conf/emr/README.md), whose own jar Maven Central does not serve here, so its side of the race is
 * not tested.
 */
class LostCommitIT {
  @TempDir static Path dir;
  static S3Server s3;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() {
    s3 = S3Server.start(dir, "lake");
  }

  @AfterAll
  static void stop() {
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void defaultLogStoreLosesACommitToASecondWriter() throws Exception {
    assertEquals(List.of(0L), versions(run("s3a://lake/default", "seed", List.of(), s3a())));
    List<Writer> writers =
        race("s3a://lake/default", holding(s3a(), dir.resolve("hold-default"), 120));
    // Both writers were told they committed version 1...
    assertEquals(List.of(1L), versions(writers.get(0)));
    assertEquals(List.of(1L), versions(writers.get(1)));
    // ...and the log holds versions 0 and 1 only: the tag of one writer is nowhere.
    Map<Long, JsonNode> log = commits(s3.data().resolve("lake").resolve("default"));
    assertEquals(new TreeSet<>(List.of(0L, 1L)), log.keySet());
    String kept = log.get(1L).path("userMetadata").asText();
    assertTrue(kept.equals("a") || kept.equals("b"), kept);
    assertEquals(
        1, adds(s3.data().resolve("lake").resolve("default")), "one of the two appends is lost");
  }

  record Writer(String tag, int exit, String out, String err) {}

  record Started(Process process, Path out, Path err) {}

  List<Writer> race(String table, List<String> settings) throws Exception {
    Started a = start(table, "a", List.of(), settings);
    Started b = start(table, "b", List.of(), settings);
    List<Writer> out = List.of(await("a", a), await("b", b));
    for (Writer w : out) {
      assertEquals(0, w.exit(), w.err());
    }
    return out;
  }

  static List<String> s3a() {
    List<String> s = new ArrayList<>();
    s3.hadoopSettings(s3.endpoint()).forEach((k, v) -> s.add("spark.hadoop." + k + "=" + v));
    return s;
  }

  /**
   * The settings plus the file system that holds each commit file's write until two writers are
   * there.
   */
  static List<String> holding(List<String> settings, Path hold, int holdSeconds) {
    List<String> s = new ArrayList<>(settings);
    s.add("spark.hadoop.fs.s3a.impl=" + HoldingS3AFileSystem.class.getName());
    s.add("spark.hadoop." + HoldingS3AFileSystem.DIR + "=" + hold);
    s.add("spark.hadoop." + HoldingS3AFileSystem.SECONDS + "=" + holdSeconds);
    return s;
  }

  Writer run(String table, String tag, List<String> jvmFlags, List<String> settings)
      throws Exception {
    return await(tag, start(table, tag, jvmFlags, settings));
  }

  static Started start(String table, String tag, List<String> jvmFlags, List<String> settings)
      throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/java.util=ALL-UNNAMED",
                "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
                "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
                "-Dlog4j2.configurationFile=" + Repo.root().resolve("conf/log4j2.properties")));
    cmd.addAll(jvmFlags);
    cmd.addAll(
        List.of(
            "-cp", System.getProperty("java.class.path"), OneCommit.class.getName(), table, tag));
    cmd.addAll(settings);
    Path out = dir.resolve(tag + "-" + System.nanoTime() + ".out");
    Path err = dir.resolve(tag + "-" + System.nanoTime() + ".err");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().put("AWS_ACCESS_KEY_ID", S3Server.IDENTITY);
    pb.environment().put("AWS_SECRET_ACCESS_KEY", S3Server.CREDENTIAL);
    pb.environment().put("AWS_REGION", "us-east-1");
    return new Started(pb.start(), out, err);
  }

  static Writer await(String tag, Started s) throws Exception {
    if (!s.process().waitFor(600, TimeUnit.SECONDS)) {
      s.process().destroyForcibly();
      throw new AssertionError(
          "writer " + tag + " did not finish in 600 s: " + Files.readString(s.err()));
    }
    return new Writer(
        tag,
        s.process().exitValue(),
        Files.readString(s.out(), StandardCharsets.UTF_8),
        Files.readString(s.err(), StandardCharsets.UTF_8));
  }

  /** The versions a writer printed ("committed version N"). */
  static List<Long> versions(Writer w) throws IOException {
    List<Long> out = new ArrayList<>();
    for (String line : w.out().split("\n")) {
      if (line.startsWith("committed version ")) {
        out.add(Long.parseLong(line.substring("committed version ".length()).trim()));
      }
    }
    return out;
  }

  /** The add actions in a table's log. */
  static long adds(Path table) throws IOException {
    long n = 0;
    try (Stream<Path> files = Files.list(table.resolve("_delta_log"))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (f.getFileName().toString().matches("\\d{20}\\.json")) {
          n +=
              Files.readAllLines(f, StandardCharsets.UTF_8).stream()
                  .filter(l -> l.startsWith("{\"add\""))
                  .count();
        }
      }
    }
    return n;
  }

  /** Each commit file of a table's log, by version, with its commitInfo. */
  static Map<Long, JsonNode> commits(Path table) throws IOException {
    Map<Long, JsonNode> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(table.resolve("_delta_log"))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String n = f.getFileName().toString();
        if (n.matches("\\d{20}\\.json")) {
          JsonNode info = JSON.createObjectNode();
          for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            JsonNode action = JSON.readTree(line);
            if (action.has("commitInfo")) {
              info = action.get("commitInfo");
            }
          }
          out.put(Long.parseLong(n.substring(0, 20)), info);
        }
      }
    }
    return out;
  }
}

package dev.trailhouse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs `trailhouse <args>` in a child JVM on the test classpath, as an operator would, to kill it
 * or read its logs.
 */
public final class ChildRun {
  /** The result of a finished run. */
  public record Result(int exit, String out, String err, double seconds) {}

  private final Process process;
  private final Path out;
  private final Path err;
  private final long started = System.nanoTime();

  private ChildRun(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  public static ChildRun start(Path dir, Map<String, String> env, String... args)
      throws IOException {
    return start(dir, env, List.of(), args);
  }

  /**
   * A run whose JVM (the driver; in local mode the executor too) has a heap of {@code xmx}, e.g.
   * "512m".
   */
  public static ChildRun withHeap(String xmx, Path dir, Map<String, String> env, String... args)
      throws IOException {
    return start(xmx, dir, env, List.of(), args);
  }

  /**
   * As {@link #start(Path, Map, String...)}, without the inherited environment variables named in
   * {@code unset}.
   */
  public static ChildRun start(
      Path dir, Map<String, String> env, List<String> unset, String... args) throws IOException {
    return start("1g", dir, env, unset, args);
  }

  private static ChildRun start(
      String xmx, Path dir, Map<String, String> env, List<String> unset, String... args)
      throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + xmx,
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/java.util=ALL-UNNAMED",
                "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
                "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
                "-Dlog4j2.configurationFile=" + Repo.root().resolve("conf/log4j2.properties"),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.trailhouse.cli.Main"));
    cmd.addAll(List.of(args));
    Path o = dir.resolve("child-out-" + System.nanoTime());
    Path e = dir.resolve("child-err-" + System.nanoTime());
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectOutput(o.toFile()).redirectError(e.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().keySet().removeAll(unset);
    pb.environment().putAll(env);
    return new ChildRun(pb.start(), o, e);
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** SIGKILL, as a spot interruption or OOM killer would. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  public Result await(int seconds) throws IOException, InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(
          "the run did not finish in " + seconds + " s: " + Files.readString(err));
    }
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8),
        (System.nanoTime() - started) / 1e9);
  }
}

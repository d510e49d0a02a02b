package dev.trailhouse.cli;

import dev.trailhouse.bench.BenchTrails;
import dev.trailhouse.ingest.PhaseTimes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code trailhouse bench --cold}: every phase as its own JVM, as spark-submit runs a scheduled
 * job, on the benchmark day into tables that already exist (a first run on the warm-up trail
 * creates them, as the day before would). Times each whole process and splits the ingest's into JVM
 * and session start, its steps ({@link PhaseTimes}) and the rest (configuration, the command_runs
 * ledger, JVM exit).
 */
final class ColdBench {
  /** One process: its wall time, when its session was ready, and the ingest's steps. */
  record Run(String phase, double wall, double sessionReady, Map<String, Double> steps) {
    double other() {
      return wall - sessionReady - steps.values().stream().mapToDouble(Double::doubleValue).sum();
    }
  }

  private final BenchTrails trails;
  private final Path dir;
  private final Map<String, Run> best = new LinkedHashMap<>();

  ColdBench(BenchTrails trails, Path dir) {
    this.trails = trails;
    this.dir = dir;
  }

  Map<String, Run> best() {
    return best;
  }

  /**
   * The children's logging: Trailhouse at INFO (the session and step timings are read from it),
   * everything else only when it warns, whatever logging this JVM was given.
   */
  private static final String LOGGING =
      String.join(
          "\n",
          "status = warn",
          "appender.console.type = Console",
          "appender.console.name = console",
          "appender.console.target = SYSTEM_ERR",
          "appender.console.layout.type = PatternLayout",
          "appender.console.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1}: %m%n",
          "rootLogger.level = warn",
          "rootLogger.appenderRef.stdout.ref = console",
          "logger.trailhouse.name = dev.trailhouse",
          "logger.trailhouse.level = info",
          "");

  /** The java command of this JVM (binary, JVM options, classpath) with the children's logging. */
  List<String> java(String mainClass) {
    List<String> cmd = new ArrayList<>();
    cmd.add(
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!a.startsWith("-agentlib:jdwp")
          && !a.startsWith("-javaagent")
          && !a.startsWith("-Dlog4j2.configurationFile=")) {
        cmd.add(a);
      }
    }
    Path logging = dir.resolve("cold-log4j2.properties");
    try {
      Files.writeString(logging, LOGGING, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    cmd.add("-Dlog4j2.configurationFile=" + logging.toUri());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    return cmd;
  }

  /** Runs {@code args} as a process; its output goes to {@code log}. */
  Run process(String phase, List<String> args, Path log) {
    ProcessBuilder pb = new ProcessBuilder(args).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    long start = System.nanoTime();
    try {
      Process p = pb.start();
      int code = p.waitFor();
      double wall = (System.nanoTime() - start) / 1e9;
      String text = Files.readString(log, StandardCharsets.UTF_8);
      if (code != 0) {
        throw new IllegalStateException(
            "Cold phase " + phase + " exited with " + code + "; its output is in " + log);
      }
      return new Run(phase, wall, sessionReady(text), PhaseTimes.parse(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  static double sessionReady(String text) {
    int at = text.indexOf(Sessions.READY);
    if (at < 0) {
      return 0;
    }
    int end = text.indexOf('\n', at);
    return Double.parseDouble(
        text.substring(at + Sessions.READY.length(), end < 0 ? text.length() : end).trim());
  }

  private List<String> ingest(Path trail, Path warehouse) {
    List<String> cmd = java(Main.class.getName());
    String day = trails.day().toString();
    cmd.addAll(
        List.of(
            "ingest",
            "--from",
            day,
            "--to",
            day,
            "--set",
            "input=" + trail,
            "--set",
            "warehouse=" + warehouse,
            "--set",
            "reports=" + warehouse.resolveSibling(warehouse.getFileName() + "-reports"),
            "--set",
            "lateness_days=0"));
    return cmd;
  }

  private List<String> phase(String name, List<Path> files, Path table) {
    Path list = dir.resolve("cold-" + name + "-files.txt");
    try {
      Files.write(list, files.stream().map(Path::toString).toList(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> cmd = java(BenchPhase.class.getName());
    cmd.addAll(List.of(name, list.toString(), table.toString()));
    return cmd;
  }

  private void keep(Run r) {
    Run before = best.get(r.phase());
    if (before == null || r.wall() < before.wall()) {
      best.put(r.phase(), r);
    }
    System.out.printf(Locale.ROOT, "  %-34s run: %7.2f s (cold process)%n", r.phase(), r.wall());
  }

  /**
   * Creates the tables with a first run on the warm-up trail, then times {@code rounds} rounds of
   * the four phases, each a fresh process.
   */
  void run(int rounds) {
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds: " + rounds);
    }
    Path logs = dir.resolve("cold-logs");
    try {
      Files.createDirectories(logs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (int round = 1; round <= rounds; round++) {
      String n = String.valueOf(round);
      Path wh = dir.resolve("wh-cold-" + n);
      Path naive = dir.resolve("wh-cold-naive-" + n).resolve("events");
      Path explicit = dir.resolve("wh-cold-explicit-" + n).resolve("events");
      // The day before: every table exists when the timed runs start.
      process("setup", ingest(trails.warmUp(), wh), logs.resolve("setup-ingest-" + n + ".log"));
      process(
          "setup",
          phase("naive", trails.warmUpFiles(), naive),
          logs.resolve("setup-naive-" + n + ".log"));
      process(
          "setup",
          phase("explicit", trails.warmUpFiles(), explicit),
          logs.resolve("setup-explicit-" + n + ".log"));
      keep(process("ingest", ingest(trails.full(), wh), logs.resolve("ingest-" + n + ".log")));
      keep(
          process(
              "naive",
              phase("naive", trails.dayFiles(), naive),
              logs.resolve("naive-" + n + ".log")));
      keep(
          process(
              "explicit schema",
              phase("explicit", trails.dayFiles(), explicit),
              logs.resolve("explicit-" + n + ".log")));
      keep(
          process(
              "floor",
              phase("floor", trails.dayFiles(), dir.resolve("unused")),
              logs.resolve("floor-" + n + ".log")));
    }
  }

  /** The figures as printed lines. */
  List<String> report() {
    List<String> out = new ArrayList<>();
    out.add(
        String.format(
            Locale.ROOT,
            "%-34s %10s %14s",
            "cold process (best of its runs)",
            "whole s",
            "session at s"));
    for (Run r : best.values()) {
      out.add(
          String.format(Locale.ROOT, "%-34s %10.2f %14.2f", r.phase(), r.wall(), r.sessionReady()));
    }
    Run ingest = best.get("ingest");
    if (ingest != null) {
      StringBuilder b = new StringBuilder("cold ingest by step (s): jvm+session=");
      b.append(String.format(Locale.ROOT, "%.2f", ingest.sessionReady()));
      ingest.steps().forEach((k, v) -> b.append(String.format(Locale.ROOT, " %s=%.2f", k, v)));
      b.append(String.format(Locale.ROOT, " other=%.2f", ingest.other()));
      out.add(b.toString());
    }
    ratio(out, "naive", "cold ingest/naive speed: %.2fx (target >= 5x)");
    ratio(out, "explicit schema", "cold ingest/explicit-schema speed: %.2fx (target >= 4x)");
    Run floor = best.get("floor");
    if (ingest != null && floor != null) {
      out.add(
          String.format(
              Locale.ROOT,
              "cold ingest/floor time: %.2fx (the floor's process: JVM, gunzip and parse only)",
              ingest.wall() / floor.wall()));
    }
    return out;
  }

  private void ratio(List<String> out, String other, String format) {
    Run ingest = best.get("ingest");
    Run o = best.get(other);
    if (ingest != null && o != null) {
      out.add(String.format(Locale.ROOT, format, o.wall() / ingest.wall()));
    }
  }
}

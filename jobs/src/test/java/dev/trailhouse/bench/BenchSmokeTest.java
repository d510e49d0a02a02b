package dev.trailhouse.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trailhouse.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `trailhouse bench` runs and prints its figures: the comparison (both baselines and the parquet-mr
 * writer included), --growth and --cold. A smoke test: it never judges timings.
 */
class BenchSmokeTest {
  @TempDir Path dir;

  /** Runs {@code trailhouse bench ARGS}; asserts exit 0 and every line of {@code expected}. */
  private static String bench(String[] argv, String... expected) {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Main.run(argv);
    } finally {
      System.setOut(old);
    }
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, text);
    for (String line : expected) {
      assertTrue(text.contains(line), "missing '" + line + "' in:\n" + text);
    }
    return text;
  }

  @Test
  void coldRunsEachPhaseAsItsOwnProcessAndSplitsTheIngest() {
    String text =
        bench(
            new String[] {
              "bench",
              "--cold",
              "--events",
              "5000",
              "--rounds",
              "1",
              "--keep",
              "--dir",
              dir.resolve("cold").toString()
            },
            "ingest ",
            "naive ",
            "explicit schema ",
            "floor ",
            "(cold process)",
            "cold ingest by step (s): jvm+session=",
            " read=",
            " key-check=",
            " commit=",
            " other=",
            "cold ingest/naive speed:",
            "cold ingest/explicit-schema speed:");
    // Every phase ran in a process of its own, not in this JVM: their logs are there.
    for (String log : new String[] {"ingest-1.log", "naive-1.log", "explicit-1.log"}) {
      assertTrue(
          java.nio.file.Files.exists(dir.resolve("cold").resolve("cold-logs").resolve(log)),
          log + " in:\n" + text);
    }
  }

  @Test
  void benchRunsAndPrintsEveryFigure() {
    bench(
        new String[] {
          "bench",
          "--events",
          "20000",
          "--mix",
          "realistic",
          "--dir",
          dir.resolve("bench").toString()
        },
        "floor ",
        "ingest ",
        "naive ",
        "explicit schema ",
        "reports ",
        "ingest (1 day folder present)",
        "ingest/naive speed:",
        "ingest/explicit-schema speed:",
        "(realistic mix)",
        "ingest/floor time:",
        "reports/ingest time:",
        "365 folders / 1 folder ingest time:",
        "ingest (parquet-mr writer) ",
        "parquet-mr writer / Trailhouse encoder ingest time:");
  }

  @Test
  void growthRunsAndPrintsEveryFigure() {
    bench(
        new String[] {
          "bench",
          "--events",
          "5000",
          "--growth",
          "--history-days",
          "2",
          "--instance",
          "m5.xlarge",
          "--instance-vcpus",
          "4",
          "--price-per-hour",
          "0.5",
          "--price-date",
          "2026-12-01",
          "--dir",
          dir.resolve("growth").toString()
        },
        "ingest of 5000 events ",
        "ingest of 10000 events ",
        "ingest of 20000 events ",
        "1x day: ",
        "2x day: ",
        "4x day: ",
        "ingest with 2 days in table / empty table:",
        "reports with 2 days in table / empty table:",
        "ingest core-seconds per million events:",
        "EMR cost of a day of 5000 events on m5.xlarge (4 vCPUs, $0.5000/h as given for 2026-12-01):");
  }
}

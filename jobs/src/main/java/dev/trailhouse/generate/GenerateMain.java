package dev.trailhouse.generate;

import dev.trailhouse.config.Errors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code trailhouse generate}: writes the committed sample trail (--sample) or a benchmark day of
 * any size, with the expected counts from the generator's own model.
 */
public final class GenerateMain {
  private GenerateMain() {}

  /** The sample trail and its expected results, as committed under test-data/. */
  public record Sample(
      GeneratedTrail trail,
      Map<String, Long> expected,
      List<SampleExtras.ExpectedReject> rejects) {}

  public static Sample sample(Path trailRoot) {
    try {
      GeneratedTrail t = TrailGenerator.generate(GeneratorSpec.sample(), trailRoot);
      Map<String, Long> expected = new TreeMap<>(t.eventsByDateSource());
      List<SampleExtras.ExpectedReject> rejects = SampleExtras.write(trailRoot, expected, 990_000L);
      return new Sample(t, expected, rejects);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes the expected files of the sample (events_by_date_source.csv, rejects.csv,
   * sample_summary.json).
   */
  public static void writeExpected(Sample s, Path dir) throws IOException {
    Files.createDirectories(dir);
    StringBuilder csv = new StringBuilder("event_date,event_source,events\n");
    long total = 0;
    for (Map.Entry<String, Long> e : s.expected().entrySet()) {
      csv.append(e.getKey()).append(',').append(e.getValue()).append('\n');
      total += e.getValue();
    }
    Files.writeString(
        dir.resolve("events_by_date_source.csv"), csv.toString(), StandardCharsets.UTF_8);
    StringBuilder rej = new StringBuilder("file,record_index,reason_kind\n");
    for (SampleExtras.ExpectedReject r : s.rejects()) {
      rej.append(r.file())
          .append(',')
          .append(r.recordIndex())
          .append(',')
          .append(r.kind())
          .append('\n');
    }
    Files.writeString(dir.resolve("rejects.csv"), rej.toString(), StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve("sample_summary.json"),
        String.format(
            "{\"clean_files\": %d, \"digest_files\": %d, \"clean_records_written\": %d, \"distinct_events\": %d, \"rejected_records\": %d}%n",
            s.trail().eventFiles().size(),
            s.trail().digestFiles().size(),
            s.trail().recordsWritten(),
            total,
            s.rejects().size()),
        StandardCharsets.UTF_8);
  }

  /** The options {@link #run} reads (each case of its switch). */
  public static final java.util.Set<String> OPTIONS =
      java.util.Set.of("--out", "--events", "--seed", "--day", "--extra-day-folders", "--sample");

  public static int run(String[] args) {
    Path out = null;
    long events = 1_000_000;
    long seed = 7;
    LocalDate day = LocalDate.of(2025, 6, 2);
    int extra = 0;
    boolean sample = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[++i]);
        case "--events" -> events = Long.parseLong(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--day" -> day = LocalDate.parse(args[++i]);
        case "--extra-day-folders" -> extra = Integer.parseInt(args[++i]);
        case "--sample" -> sample = true;
        default -> throw Errors.unknownOption("generate", args[i]);
      }
    }
    if (out == null) {
      throw Errors.missingOption("generate", "--out DIR", "--out /tmp/trail");
    }
    try {
      if (sample) {
        Sample s = sample(out.resolve("trail"));
        writeExpected(s, out.resolve("expected"));
        System.out.printf(
            "trailhouse generate: sample trail in %s, expected results in %s%n",
            out.resolve("trail"), out.resolve("expected"));
      } else {
        GeneratedTrail t =
            TrailGenerator.generate(
                GeneratorSpec.bench(seed, day, Math.toIntExact(events), extra), out);
        System.out.printf(
            "trailhouse generate: %d files, %d records, %d distinct events in %s%n",
            t.eventFiles().size(), t.recordsWritten(), t.distinctEvents(), out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return 0;
  }
}

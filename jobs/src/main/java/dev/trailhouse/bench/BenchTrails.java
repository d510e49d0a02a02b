package dev.trailhouse.bench;

import dev.trailhouse.generate.GeneratedTrail;
import dev.trailhouse.generate.GeneratorSpec;
import dev.trailhouse.generate.Mix;
import dev.trailhouse.generate.TrailGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The benchmark's inputs: one day of N events with 364 other day folders beside it ("full"), the
 * same day's files alone ("oneday", hard links), and a small warm-up trail.
 */
public final class BenchTrails {
  public static final LocalDate DAY = LocalDate.of(2025, 6, 2);

  private final Path dir;
  private final long dayEvents;

  private BenchTrails(Path dir, long dayEvents) {
    this.dir = dir;
    this.dayEvents = dayEvents;
  }

  public static BenchTrails create(Path dir, long events) {
    return create(dir, events, Mix.STRESS);
  }

  /** The inputs for a day of {@code mix}; the warm-up trail is always the stress mix. */
  public static BenchTrails create(Path dir, long events, Mix mix) {
    try {
      GeneratedTrail full =
          TrailGenerator.generate(
              GeneratorSpec.bench(11, DAY, Math.toIntExact(events), 364, mix), dir.resolve("full"));
      long onDay = 0;
      for (Map.Entry<String, Long> e : full.eventsByDateSource().entrySet()) {
        if (e.getKey().startsWith(DAY.toString())) {
          onDay += e.getValue();
        }
      }
      Path day = dayFolder(dir.resolve("full"));
      Path target = dayFolder(dir.resolve("oneday"));
      Files.createDirectories(target);
      try (Stream<Path> s = Files.list(day)) {
        for (Path f : s.toList()) {
          Files.createLink(target.resolve(f.getFileName()), f);
        }
      }
      TrailGenerator.generate(
          GeneratorSpec.bench(12, DAY, warmUpEvents(events), 0), dir.resolve("warmup"));
      return new BenchTrails(dir, onDay);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A tenth of the day, between 5,000 and 100,000 events: enough for the JIT, cheap for a smoke
   * run.
   */
  static int warmUpEvents(long events) {
    return (int) Math.max(5_000, Math.min(100_000, events / 10));
  }

  private static Path dayFolder(Path root) {
    return root.resolve("AWSLogs/123456789012/CloudTrail/us-east-1/2025/06/02");
  }

  public LocalDate day() {
    return DAY;
  }

  /** Distinct events of the day, from the generator's model. */
  public long dayEvents() {
    return dayEvents;
  }

  public Path full() {
    return dir.resolve("full");
  }

  public Path oneDay() {
    return dir.resolve("oneday");
  }

  public Path warmUp() {
    return dir.resolve("warmup");
  }

  public List<Path> dayFiles() {
    try (Stream<Path> s = Files.list(dayFolder(full()))) {
      return s.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<Path> warmUpFiles() {
    try (Stream<Path> s = Files.list(dayFolder(warmUp()))) {
      return s.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Times nothing itself: runs the floor over the day's files and returns the day's events. */
  public long floor(int threads) {
    Floor.run(dayFiles(), threads);
    return dayEvents;
  }

  public void delete() {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

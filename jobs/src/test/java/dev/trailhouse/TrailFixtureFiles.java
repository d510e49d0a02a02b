package dev.trailhouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The CloudTrail log files under a trail root, in name order. */
public final class TrailFixtureFiles {
  private TrailFixtureFiles() {}

  public static List<Path> logFiles(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(
              p -> p.toString().endsWith(".json.gz") && p.toString().contains("/CloudTrail/"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

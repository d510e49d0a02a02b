package dev.trailhouse.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailhouse.Repo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed sample is exactly what the generator writes; digests hash the files as stored. */
class TrailGeneratorTest {
  @TempDir Path dir;

  static List<Path> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }

  @Test
  void committedSampleIsReproducedByteForByte() throws IOException {
    GenerateMain.Sample s = GenerateMain.sample(dir.resolve("trail"));
    GenerateMain.writeExpected(s, dir.resolve("expected"));
    Path committed = Repo.root().resolve("test-data");
    assertEquals(files(committed.resolve("trail")), files(dir.resolve("trail")));
    for (Path f : files(dir.resolve("trail"))) {
      byte[] want = Files.readAllBytes(committed.resolve("trail").resolve(f));
      byte[] got = Files.readAllBytes(dir.resolve("trail").resolve(f));
      if (!java.util.Arrays.equals(want, got) && f.toString().endsWith(".gz")) {
        // Another zlib may compress the same content to other bytes: then the content must match.
        assertArrayEquals(
            gunzip(want), gunzip(got), f + " (content; the gzip bytes differ, another zlib?)");
      } else {
        assertArrayEquals(want, got, f.toString());
      }
    }
    for (String f : List.of("events_by_date_source.csv", "rejects.csv", "sample_summary.json")) {
      assertEquals(
          Files.readString(committed.resolve("expected").resolve(f)),
          Files.readString(dir.resolve("expected").resolve(f)),
          f);
    }
  }

  /**
   * The bytes a gzip stream gives before it ends or breaks (the sample's truncated file breaks).
   */
  static byte[] gunzip(byte[] gz) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) > 0) {
        out.write(buf, 0, n);
      }
    } catch (IOException e) {
      // keep what was decoded
    }
    return out.toByteArray();
  }

  @Test
  void digestsListEveryCleanFileWithTheHashOfItsContent() throws IOException {
    GeneratedTrail t = TrailGenerator.generate(GeneratorSpec.sample(), dir);
    ObjectMapper json = new ObjectMapper();
    int listed = 0;
    for (Path d : t.digestFiles()) {
      JsonNode digest;
      try (InputStream in = new GZIPInputStream(Files.newInputStream(d))) {
        digest = json.readTree(in);
      }
      for (JsonNode f : digest.get("logFiles")) {
        Path file = dir.resolve(f.get("s3Object").asText());
        byte[] content;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
          content = in.readAllBytes();
        }
        assertEquals(
            TrailGenerator.sha256(content),
            f.get("hashValue").asText(),
            "hash of the uncompressed file, as CloudTrail's");
        listed++;
      }
    }
    assertEquals(t.eventFiles().size(), listed);
  }

  @Test
  void benchDayHasTheAskedSizeAndEarlierFolders() throws IOException {
    GeneratedTrail t =
        TrailGenerator.generate(GeneratorSpec.bench(1, LocalDate.of(2025, 6, 2), 20_000, 3), dir);
    assertEquals(20 + 3, t.eventFiles().size());
    assertEquals(20_003, t.distinctEvents());
    assertTrue(t.recordsWritten() > 20_003, "re-deliveries add duplicate records");
    long day =
        t.eventsByDateSource().entrySet().stream()
            .filter(e -> e.getKey().startsWith("2025-06-02"))
            .mapToLong(java.util.Map.Entry::getValue)
            .sum();
    assertTrue(day > 19_000, "most events are on the day: " + day);
  }
}

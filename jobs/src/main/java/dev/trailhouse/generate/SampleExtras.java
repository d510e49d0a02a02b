package dev.trailhouse.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What the sample trail holds besides clean deliveries: broken log files (each named like a real
 * one, in one day folder), an Insights file, and a stray object. Deterministic.
 */
public final class SampleExtras {
  static final String ACCOUNT = "444455556666";
  static final String FOLDER =
      "AWSLogs/o-a1b2c3d4e5/" + ACCOUNT + "/CloudTrail/us-east-1/2025/03/25/";

  /** A rejected record expected from the sample: file (relative to the trail root), index, kind. */
  public record ExpectedReject(String file, int recordIndex, String kind) {}

  private SampleExtras() {}

  static String name(String hhmm, String suffix) {
    return FOLDER + ACCOUNT + "_CloudTrail_us-east-1_20250325T" + hhmm + "Z_" + suffix + ".json.gz";
  }

  /**
   * Writes the extras; adds their good records to {@code expected}; returns the expected rejects.
   */
  static List<ExpectedReject> write(Path root, Map<String, Long> expected, long seed)
      throws IOException {
    List<ExpectedReject> rejects = new ArrayList<>();
    long s = seed;
    String t = "2025-03-25T12:0";
    // 1. A truncated gzip: 5 records, cut inside the third; the first two survive.
    List<String> five = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      five.add(record(++s, t + i + ":00Z"));
    }
    byte[] truncated = truncatedInThird(five);
    write(root, name("1205", "BrokenTruncated1"), truncated);
    count(expected, five.subList(0, 2));
    rejects.add(new ExpectedReject(name("1205", "BrokenTruncated1"), 2, "truncated"));
    // 2. A record with no eventID among good ones.
    String a = record(++s, t + "5:00Z");
    String b = record(++s, t + "5:30Z");
    String noId = a.replaceFirst("\"eventID\":\"[^\"]+\",", "");
    write(
        root,
        name("1210", "BrokenNoEventId1"),
        TrailGenerator.gzip(records(b, noId).getBytes(StandardCharsets.UTF_8)));
    count(expected, List.of(b));
    rejects.add(new ExpectedReject(name("1210", "BrokenNoEventId1"), 1, "missing_event_id"));
    // 3. A record whose eventTime is not a time.
    String c = record(++s, t + "6:00Z");
    String d =
        record(++s, t + "6:30Z")
            .replaceFirst("\"eventTime\":\"[^\"]+\"", "\"eventTime\":\"not-a-time\"");
    write(
        root,
        name("1215", "BrokenEventTime1"),
        TrailGenerator.gzip(records(d, c).getBytes(StandardCharsets.UTF_8)));
    count(expected, List.of(c));
    rejects.add(new ExpectedReject(name("1215", "BrokenEventTime1"), 0, "bad_event_time"));
    // 4. A record that is an array, not an object.
    String e = record(++s, t + "7:00Z");
    write(
        root,
        name("1220", "BrokenNotObject1"),
        TrailGenerator.gzip(
            records(e, "[\"not\",\"an\",\"event\"]").getBytes(StandardCharsets.UTF_8)));
    count(expected, List.of(e));
    rejects.add(new ExpectedReject(name("1220", "BrokenNotObject1"), 1, "not_an_object"));
    // 5. A plain, not gzipped, file with two good records.
    String f = record(++s, t + "8:00Z");
    String g = record(++s, t + "8:30Z");
    write(root, name("1225", "PlainJsonNotGzip"), records(f, g).getBytes(StandardCharsets.UTF_8));
    count(expected, List.of(f, g));
    // Not events, not errors: an Insights file and a stray object.
    write(
        root,
        "AWSLogs/"
            + ACCOUNT
            + "/CloudTrail-Insight/us-east-1/2025/03/25/"
            + ACCOUNT
            + "_CloudTrail-Insight_us-east-1_20250325T1200Z_InsightSample0001.json.gz",
        TrailGenerator.gzip(
            "{\"Records\":[{\"eventVersion\":\"1.08\",\"eventType\":\"AwsCloudTrailInsight\",\"insightDetails\":{\"state\":\"Start\"}}]}"
                .getBytes(StandardCharsets.UTF_8)));
    write(
        root,
        FOLDER + "notes.txt",
        "Dropped here by someone: not a log file.\n".getBytes(StandardCharsets.UTF_8));
    return rejects;
  }

  private static String record(long seed, String time) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (var gen = EventWriter.open(out)) {
      EventWriter.write(
          gen,
          seed,
          java.time.Instant.parse(time).getEpochSecond(),
          ACCOUNT,
          "us-east-1",
          TrailGenerator.instance(ACCOUNT, "us-east-1"),
          0,
          Mix.STRESS);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static void count(Map<String, Long> expected, List<String> records) {
    for (String r : records) {
      String source = r.replaceFirst(".*\"eventSource\":\"([^\"]+)\".*", "$1");
      String time = r.replaceFirst(".*\"eventTime\":\"(\\d{4}-\\d{2}-\\d{2})T[^\"]+\".*", "$1");
      expected.merge(time + "," + source, 1L, Long::sum);
    }
  }

  private static String records(String... r) {
    return "{\"Records\":[" + String.join(",", r) + "]}";
  }

  private static byte[] truncatedInThird(List<String> five) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes, true)) {
      gz.write(
          ("{\"Records\":[" + five.get(0) + "," + five.get(1) + ",")
              .getBytes(StandardCharsets.UTF_8));
      gz.flush();
      int before = bytes.size();
      gz.write((five.get(2) + ",").getBytes(StandardCharsets.UTF_8));
      gz.flush();
      int cut = (before + bytes.size()) / 2;
      gz.write((five.get(3) + "," + five.get(4) + "]}").getBytes(StandardCharsets.UTF_8));
      gz.finish();
      return Arrays.copyOf(bytes.toByteArray(), cut);
    }
  }

  private static void write(Path root, String key, byte[] bytes) throws IOException {
    Path f = root.resolve(key);
    Files.createDirectories(f.getParent());
    Files.write(f, bytes);
  }
}

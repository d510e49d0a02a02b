package dev.trailhouse.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trailhouse.TrailFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingesting one day lists only that day's folders (plus the account and region levels). */
class TrailListerTest {
  @TempDir Path dir;

  /** Records every folder listed. */
  static final class RecordingFs extends FilterFileSystem {
    final List<String> listed = new ArrayList<>();

    RecordingFs(FileSystem fs) {
      super(fs);
    }

    @Override
    public FileStatus[] listStatus(org.apache.hadoop.fs.Path f) throws IOException {
      synchronized (listed) {
        listed.add(f.toUri().getPath());
      }
      return super.listStatus(f);
    }
  }

  @Test
  void oneDayListsOnlyThatDaysFolders() throws IOException {
    TrailFixture t = new TrailFixture(dir);
    LocalDate day = LocalDate.of(2025, 3, 24);
    for (int d = -30; d <= 30; d++) {
      t.file(
          null,
          "111122223333",
          "us-east-1",
          day.plusDays(d),
          TrailFixture.events("a" + d, 1, "2025-03-24T00:00:00Z"));
      t.file(
          "o-a1b2c3d4e5",
          "444455556666",
          "eu-west-1",
          day.plusDays(d),
          TrailFixture.events("b" + d, 1, "2025-03-24T00:00:00Z"));
    }
    Path digest = dir.resolve("AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2025/03/24");
    Files.createDirectories(digest);
    Files.writeString(digest.resolve("d.json.gz"), "x");
    Files.createDirectories(
        dir.resolve("AWSLogs/111122223333/CloudTrail-Insight/us-east-1/2025/03/24"));
    Files.writeString(
        t.dayFolder(null, "111122223333", "us-east-1", day).resolve("notes.txt"),
        "not an event file");

    RecordingFs fs = new RecordingFs(FileSystem.getLocal(new Configuration()).getRawFileSystem());
    Listing listing =
        new TrailLister(fs, dir.toUri().toString(), List.of(), List.of(), 4).list(List.of(day));

    String root = dir.toUri().getPath();
    List<String> expected =
        List.of(
            root + "AWSLogs",
            root + "AWSLogs/111122223333",
            root + "AWSLogs/111122223333/CloudTrail",
            root + "AWSLogs/111122223333/CloudTrail/us-east-1/2025/03/24",
            root + "AWSLogs/o-a1b2c3d4e5",
            root + "AWSLogs/o-a1b2c3d4e5/444455556666",
            root + "AWSLogs/o-a1b2c3d4e5/444455556666/CloudTrail",
            root + "AWSLogs/o-a1b2c3d4e5/444455556666/CloudTrail/eu-west-1/2025/03/24");
    List<String> listed = new ArrayList<>(fs.listed);
    listed.replaceAll(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    listed.sort(null);
    assertEquals(expected, listed);
    assertEquals(2, listing.files().size());
    assertEquals(1, listing.otherObjects());
    assertEquals(
        "{\"digest-folder\":{\"count\":1,\"keys\":[\"AWSLogs/111122223333/CloudTrail-Digest/\"]},"
            + "\"insight-folder\":{\"count\":1,\"keys\":[\"AWSLogs/111122223333/CloudTrail-Insight/\"]},"
            + "\"other-object\":{\"count\":1,\"keys\":[\"AWSLogs/111122223333/CloudTrail/us-east-1/2025/03/24/notes.txt\"]}}",
        listing.skipped().json());
    assertEquals("{}", listing.nonstandard().json());
  }

  @Test
  void anyOrganizationFolderAndAnyJsonFileNameIsReadAndEverythingElseIsNamed() throws IOException {
    TrailFixture t = new TrailFixture(dir);
    LocalDate day = LocalDate.of(2020, 9, 30);
    Path odd = t.dayFolder("o-abcd", "111122223333", "us-east-1", day);
    Files.createDirectories(odd);
    Files.write(
        odd.resolve("x_CloudTrail_us-east-1-20200930T2200.json.gz"),
        TrailFixture.gzip("{}".getBytes()));
    Files.writeString(odd.resolve("plain.json"), "{}");
    Files.writeString(odd.resolve("notes.txt"), "x");
    Files.createDirectories(odd.resolve("sub"));
    Path std =
        t.file(
            "o-a1b2c3d4e5",
            "444455556666",
            "eu-west-1",
            day,
            TrailFixture.events("b", 1, "2020-09-30T00:00:00Z"));
    t.file(
        "o-a1b2c3d4e5",
        "444455556666",
        "us-west-2",
        day,
        TrailFixture.events("c", 1, "2020-09-30T00:00:00Z"));
    t.file(
        "o-a1b2c3d4e5",
        "777788889999",
        "eu-west-1",
        day,
        TrailFixture.events("d", 1, "2020-09-30T00:00:00Z"));
    for (int i = 0; i < 5; i++) {
      Files.createDirectories(dir.resolve("AWSLogs/notes" + i + "/2020"));
    }
    Files.writeString(dir.resolve("AWSLogs/readme.txt"), "x");
    Files.writeString(dir.resolve("AWSLogs/o-abcd/index.html"), "x");
    Files.createDirectories(dir.resolve("AWSLogs/o-abcd/111122223333/CloudTrail/backup"));
    Files.createDirectories(dir.resolve("AWSLogs/o-abcd/111122223333/Other"));

    RecordingFs fs = new RecordingFs(FileSystem.getLocal(new Configuration()).getRawFileSystem());
    Listing l =
        new TrailLister(
                fs,
                dir.toUri().toString(),
                List.of("111122223333", "444455556666"),
                List.of("us-east-1", "eu-west-1"),
                2)
            .list(List.of(day));

    assertEquals(
        List.of(
            "AWSLogs/o-a1b2c3d4e5/444455556666/CloudTrail/eu-west-1/2020/09/30/"
                + std.getFileName(),
            "AWSLogs/o-abcd/111122223333/CloudTrail/us-east-1/2020/09/30/plain.json",
            "AWSLogs/o-abcd/111122223333/CloudTrail/us-east-1/2020/09/30/x_CloudTrail_us-east-1-20200930T2200.json.gz"),
        l.files().stream().map(f -> TrailLayout.relativeKey(f.uri())).toList());
    assertEquals(List.of(day, day, day), l.files().stream().map(f -> f.deliveryDate()).toList());
    assertEquals(
        List.of("444455556666", "111122223333", "111122223333"),
        l.files().stream().map(f -> f.accountId()).toList());
    assertEquals(
        "{\"file-name\":{\"count\":2,\"keys\":["
            + "\"AWSLogs/o-abcd/111122223333/CloudTrail/us-east-1/2020/09/30/plain.json\","
            + "\"AWSLogs/o-abcd/111122223333/CloudTrail/us-east-1/2020/09/30/x_CloudTrail_us-east-1-20200930T2200.json.gz\"]},"
            + "\"organization-id\":{\"count\":1,\"keys\":[\"AWSLogs/o-abcd/\"]}}",
        l.nonstandard().json());
    assertEquals(
        "{\"account-not-asked\":{\"count\":1,\"keys\":[\"AWSLogs/o-a1b2c3d4e5/777788889999/\"]},"
            + "\"folder-without-accounts\":{\"count\":5,\"keys\":[\"AWSLogs/notes0/\",\"AWSLogs/notes1/\",\"AWSLogs/notes2/\"]},"
            + "\"loose-object\":{\"count\":2,\"keys\":[\"AWSLogs/o-abcd/index.html\",\"AWSLogs/readme.txt\"]},"
            + "\"other-folder\":{\"count\":3,\"keys\":[\"AWSLogs/o-abcd/111122223333/CloudTrail/backup/\","
            + "\"AWSLogs/o-abcd/111122223333/CloudTrail/us-east-1/2020/09/30/sub/\",\"AWSLogs/o-abcd/111122223333/Other/\"]},"
            + "\"other-object\":{\"count\":1,\"keys\":[\"AWSLogs/o-abcd/111122223333/CloudTrail/us-east-1/2020/09/30/notes.txt\"]},"
            + "\"region-not-asked\":{\"count\":1,\"keys\":[\"AWSLogs/o-a1b2c3d4e5/444455556666/CloudTrail/us-west-2/\"]}}",
        l.skipped().json());
    assertEquals(1, l.otherObjects());
    // Still pruned: nothing below a skipped folder, nothing outside the asked day, is listed.
    assertTrue(
        fs.listed.stream()
            .noneMatch(
                p ->
                    p.contains("/notes0/2020")
                        || p.contains("777788889999")
                        || p.contains("us-west-2")
                        || p.contains("backup")
                        || p.contains("/sub")),
        fs.listed.toString());
  }

  @Test
  void accountAndRegionFilters() throws IOException {
    TrailFixture t = new TrailFixture(dir);
    LocalDate day = LocalDate.of(2025, 3, 24);
    t.file(
        null,
        "111122223333",
        "us-east-1",
        day,
        TrailFixture.events("a", 1, "2025-03-24T00:00:00Z"));
    t.file(
        null,
        "111122223333",
        "us-west-2",
        day,
        TrailFixture.events("b", 1, "2025-03-24T00:00:00Z"));
    t.file(
        null,
        "999988887777",
        "us-east-1",
        day,
        TrailFixture.events("c", 1, "2025-03-24T00:00:00Z"));
    FileSystem fs = FileSystem.getLocal(new Configuration()).getRawFileSystem();
    Listing l =
        new TrailLister(
                fs, dir.toUri().toString(), List.of("111122223333"), List.of("us-west-2"), 2)
            .list(List.of(day));
    assertEquals(1, l.files().size());
    assertEquals("us-west-2", l.files().get(0).region());
  }
}

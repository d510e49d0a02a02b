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
      t.file(null, "111122223333", "us-east-1", day.plusDays(d), TrailFixture.events("a" + d, 1, "2025-03-24T00:00:00Z"));
      t.file("o-a1b2c3d4e5", "444455556666", "eu-west-1", day.plusDays(d), TrailFixture.events("b" + d, 1, "2025-03-24T00:00:00Z"));
    }
    Path digest = dir.resolve("AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2025/03/24");
    Files.createDirectories(digest);
    Files.writeString(digest.resolve("d.json.gz"), "x");
    Files.createDirectories(dir.resolve("AWSLogs/111122223333/CloudTrail-Insight/us-east-1/2025/03/24"));
    Files.writeString(t.dayFolder(null, "111122223333", "us-east-1", day).resolve("notes.txt"), "not an event file");

    RecordingFs fs = new RecordingFs(FileSystem.getLocal(new Configuration()).getRawFileSystem());
    Listing listing = new TrailLister(fs, dir.toUri().toString(), List.of(), List.of(), 4).list(List.of(day));

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
    assertTrue(listing.skippedPrefixes().stream().anyMatch(s -> s.endsWith("CloudTrail-Digest")));
    assertTrue(listing.skippedPrefixes().stream().anyMatch(s -> s.endsWith("CloudTrail-Insight")));
  }

  @Test
  void accountAndRegionFilters() throws IOException {
    TrailFixture t = new TrailFixture(dir);
    LocalDate day = LocalDate.of(2025, 3, 24);
    t.file(null, "111122223333", "us-east-1", day, TrailFixture.events("a", 1, "2025-03-24T00:00:00Z"));
    t.file(null, "111122223333", "us-west-2", day, TrailFixture.events("b", 1, "2025-03-24T00:00:00Z"));
    t.file(null, "999988887777", "us-east-1", day, TrailFixture.events("c", 1, "2025-03-24T00:00:00Z"));
    FileSystem fs = FileSystem.getLocal(new Configuration()).getRawFileSystem();
    Listing l = new TrailLister(fs, dir.toUri().toString(), List.of("111122223333"), List.of("us-west-2"), 2).list(List.of(day));
    assertEquals(1, l.files().size());
    assertEquals("us-west-2", l.files().get(0).region());
  }
}

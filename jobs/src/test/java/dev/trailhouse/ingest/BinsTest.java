package dev.trailhouse.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trailhouse.ledger.LogFile;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cutting a run's files into read tasks: order, contiguity, balance and the look-behind window. */
class BinsTest {
  private static LogFile file(
      String account, String region, String stamp, String suffix, long size) {
    String uri =
        "s3a://b/AWSLogs/"
            + account
            + "/CloudTrail/"
            + region
            + "/2025/03/24/"
            + account
            + "_CloudTrail_"
            + region
            + "_"
            + stamp
            + "_"
            + suffix
            + ".json.gz";
    return new LogFile(uri, size, 0, account, region, LocalDate.of(2025, 3, 24));
  }

  @Test
  void contiguousBalancedRunsInDeliveryOrder() {
    List<LogFile> files = new ArrayList<>();
    for (int m = 59; m >= 0; m--) {
      files.add(
          file("111122223333", "us-east-1", String.format("20250324T10%02dZ", m), "x" + m, 100));
    }
    files.add(file("000011112222", "eu-west-1", "20250324T0900Z", "z", 100));
    List<Bins.Bin> bins = Bins.of(files, 4);
    assertEquals(4, bins.size());
    List<LogFile> all = new ArrayList<>();
    for (Bins.Bin b : bins) {
      assertTrue(b.files().size() >= 15 && b.files().size() <= 16, "sizes: " + b.files().size());
      all.addAll(b.files());
    }
    assertEquals(61, all.size());
    assertEquals("000011112222", all.get(0).accountId(), "ordered by account first");
    for (int i = 2; i < all.size(); i++) {
      assertTrue(
          Bins.stamp(all.get(i - 1).uri()).compareTo(Bins.stamp(all.get(i).uri())) < 0,
          "delivery order");
    }
    assertEquals(List.of(), bins.get(0).lookBehind());
    // The previous task's files of the same stream up to 15 minutes before this task's first file.
    Bins.Bin second = bins.get(1);
    long first = Bins.minutes(Bins.stamp(second.files().get(0).uri()));
    assertTrue(!second.lookBehind().isEmpty());
    for (LogFile f : second.lookBehind()) {
      assertTrue(first - Bins.minutes(Bins.stamp(f.uri())) <= 15);
      assertTrue(bins.get(0).files().contains(f));
    }
    List<LogFile> expected = new ArrayList<>();
    for (LogFile f : bins.get(0).files()) {
      if (f.region().equals("us-east-1") && first - Bins.minutes(Bins.stamp(f.uri())) <= 15) {
        expected.add(f);
      }
    }
    assertEquals(expected, second.lookBehind(), "every file of the window, in order");
  }

  @Test
  void noLookBehindAcrossStreamsOrForFarFiles() {
    List<LogFile> files =
        List.of(
            file("111122223333", "us-east-1", "20250324T1000Z", "a", 100),
            file("111122223333", "us-east-1", "20250324T1100Z", "b", 100),
            file("111122223333", "us-west-2", "20250324T1101Z", "c", 100));
    List<Bins.Bin> bins = Bins.of(files, 3);
    assertEquals(List.of(), bins.get(1).lookBehind(), "an hour apart");
    assertEquals(List.of(), bins.get(2).lookBehind(), "another region");
    assertEquals(1, Bins.of(files, 1).size());
    assertEquals(3, Bins.of(files, 10).size(), "never more tasks than files");
  }
}

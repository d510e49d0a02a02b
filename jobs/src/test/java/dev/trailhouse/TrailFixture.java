package dev.trailhouse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Writes small CloudTrail trails for tests: files in the real layout, records as given. */
public final class TrailFixture {
  private final Path root;
  private int serial;

  public TrailFixture(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  /** A minimal valid record. */
  public static String event(String id, String time, String source, String name) {
    return "{\"eventVersion\":\"1.08\",\"eventID\":\""
        + id
        + "\",\"eventTime\":\""
        + time
        + "\",\"eventSource\":\""
        + source
        + "\",\"eventName\":\""
        + name
        + "\",\"awsRegion\":\"us-east-1\",\"userIdentity\":{\"type\":\"IAMUser\","
        + "\"arn\":\"arn:aws:iam::111122223333:user/alice\",\"accountId\":\"111122223333\"},"
        + "\"requestParameters\":{\"InstanceId\":\"inst-1\"},\"eventType\":\"AwsApiCall\",\"recipientAccountId\":\"111122223333\"}";
  }

  /**
   * The day folder of an account and region (account layout, or organization layout when org is
   * set).
   */
  public Path dayFolder(String org, String account, String region, LocalDate day) {
    Path acct =
        org == null
            ? root.resolve("AWSLogs").resolve(account)
            : root.resolve("AWSLogs").resolve(org).resolve(account);
    return acct.resolve("CloudTrail")
        .resolve(region)
        .resolve(
            String.format(
                "%04d/%02d/%02d", day.getYear(), day.getMonthValue(), day.getDayOfMonth()));
  }

  /** Writes a gzipped log file holding {@code {"Records":[records]}}; returns its path. */
  public Path file(String org, String account, String region, LocalDate day, List<String> records) {
    return raw(
        org,
        account,
        region,
        day,
        gzip(
            ("{\"Records\":[" + String.join(",", records) + "]}")
                .getBytes(StandardCharsets.UTF_8)));
  }

  /** Writes a log file with exactly these bytes. */
  public Path raw(String org, String account, String region, LocalDate day, byte[] bytes) {
    Path dir = dayFolder(org, account, region, day);
    String name =
        String.format(
            "%s_CloudTrail_%s_%04d%02d%02dT%04dZ_%016d.json.gz",
            account,
            region,
            day.getYear(),
            day.getMonthValue(),
            day.getDayOfMonth(),
            (serial % 24) * 100 + serial % 60,
            serial);
    serial++;
    try {
      Files.createDirectories(dir);
      Path f = dir.resolve(name);
      Files.write(f, bytes);
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static List<String> events(String prefix, int n, String time) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(event(prefix + "-" + i, time, "connect.amazonaws.com", "DescribeQueue"));
    }
    return out;
  }
}

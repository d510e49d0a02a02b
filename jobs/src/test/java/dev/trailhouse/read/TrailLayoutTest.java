package dev.trailhouse.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrailLayoutTest {
  @Test
  void kinds() {
    assertEquals(
        TrailLayout.Kind.EVENTS,
        TrailLayout.kind(
            "s3a://b/p/AWSLogs/111122223333/CloudTrail/us-east-1/2025/03/24/111122223333_CloudTrail_us-east-1_20250324T0005Z_AbCdEf0123456789.json.gz"));
    assertEquals(
        TrailLayout.Kind.EVENTS,
        TrailLayout.kind(
            "AWSLogs/o-a1b2c3d4e5/111122223333/CloudTrail/us-east-1/2025/03/24/111122223333_CloudTrail_us-east-1_20250324T0005Z_x1.json.gz"));
    assertEquals(
        TrailLayout.Kind.DIGEST,
        TrailLayout.kind(
            "AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2025/03/24/111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20250324T010000Z.json.gz"));
    assertEquals(
        TrailLayout.Kind.INSIGHT,
        TrailLayout.kind("AWSLogs/111122223333/CloudTrail-Insight/us-east-1/2025/03/24/x.json.gz"));
    assertEquals(
        TrailLayout.Kind.OTHER,
        TrailLayout.kind("AWSLogs/111122223333/CloudTrail/us-east-1/2025/03/24/notes.txt"));
    assertEquals(
        TrailLayout.Kind.EVENTS,
        TrailLayout.kind(
            "AWSLogs/o-abcd/111122223333/CloudTrail/us-east-1/2020/09/30/"
                + "x_CloudTrail_us-east-1-20200930T2200.json.gz"));
    assertEquals(
        TrailLayout.Kind.EVENTS,
        TrailLayout.kind("AWSLogs/111122223333/CloudTrail/us-east-1/2025/03/24/plain.json"));
    assertEquals(
        TrailLayout.Kind.OTHER,
        TrailLayout.kind("AWSLogs/111122223333/CloudTrail/us-east-1/2025/03/24/x.json.gz.tmp"));
    assertEquals(
        TrailLayout.Kind.OTHER,
        TrailLayout.kind("AWSLogs/a/b/111122223333/CloudTrail/us-east-1/2025/03/24/x.json.gz"));
  }

  @Test
  void anyNameInADayFolderIsLocatedFromItsFolders() {
    assertEquals(
        Optional.of(
            new TrailLayout.Location(
                Optional.of("o-abcd"), "111122223333", "us-east-1", LocalDate.of(2020, 9, 30))),
        TrailLayout.locate(
            "s3a://b/p/AWSLogs/o-abcd/111122223333/CloudTrail/us-east-1/2020/09/30/"
                + "x_CloudTrail_us-east-1-20200930T2200.json.gz"));
    assertEquals(
        false,
        TrailLayout.isStandardName(
            "AWSLogs/o-abcd/111122223333/CloudTrail/us-east-1/2020/09/30/"
                + "x_CloudTrail_us-east-1-20200930T2200.json.gz"));
    assertEquals(
        true,
        TrailLayout.isStandardName(
            "AWSLogs/o-abcd/111122223333/CloudTrail/us-east-1/2020/09/30/"
                + "111122223333_CloudTrail_us-east-1_20200930T2200Z_AbC123.json.gz"));
    assertEquals(false, TrailLayout.isOrganization("o-abcd"));
  }

  @Test
  void locate() {
    assertEquals(
        Optional.of(
            new TrailLayout.Location(
                Optional.of("o-a1b2c3d4e5"),
                "111122223333",
                "eu-west-1",
                LocalDate.of(2025, 3, 24))),
        TrailLayout.locate(
            "file:/t/AWSLogs/o-a1b2c3d4e5/111122223333/CloudTrail/eu-west-1/2025/03/24/"
                + "111122223333_CloudTrail_eu-west-1_20250324T2355Z_0123456789abcdef.json.gz"));
    assertEquals(
        Optional.empty(),
        TrailLayout.locate(
            "file:/t/AWSLogs/111122223333/CloudTrail/eu-west-1/2025/02/30/"
                + "111122223333_CloudTrail_eu-west-1_20250230T2355Z_0123456789abcdef.json.gz"));
  }
}

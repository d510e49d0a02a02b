package dev.trailhouse.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trailhouse.Repo;
import dev.trailhouse.TestSpark;
import dev.trailhouse.config.Config;
import dev.trailhouse.config.ConfigLoader;
import dev.trailhouse.config.DateRange;
import dev.trailhouse.ingest.Ingest;
import dev.trailhouse.read.TrailLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Digest verification on a copy of the sample trail with one log file never delivered, one altered
 * after ingest, one digest deleted, and every digest signed with a throwaway key (one signature
 * tampered): each finding lands exactly where it belongs, everything else is complete.
 */
public class VerifyTest {
  static final LocalDate FROM = LocalDate.of(2025, 3, 24);
  static final LocalDate TO = LocalDate.of(2025, 3, 26);
  static final String FINGERPRINT = "5f0e6a7b8c9d0e1f2a3b4c5d6e7f8091";
  @TempDir Path dir;

  public static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }

  static List<Path> find(Path root, String glob) throws IOException {
    var m = root.getFileSystem().getPathMatcher("glob:" + glob);
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> m.matches(root.relativize(p))).sorted().toList();
    }
  }

  @Test
  void eachFindingIsReportedExactly() throws Exception {
    Path trail = dir.resolve("trail");
    copy(Repo.sampleTrail(), trail);
    Path keys = Files.createDirectories(dir.resolve("keys"));
    KeyPair pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    Files.write(keys.resolve(FINGERPRINT + ".der"), pair.getPublic().getEncoded());

    // A log file never ingested (deleted before the run): the account trail of 111122223333,
    // us-west-2, 25 March.
    Path missing =
        find(trail, "AWSLogs/111122223333/CloudTrail/us-west-2/2025/03/25/*.json.gz").get(0);
    Files.delete(missing);
    // A digest deleted from the chain: 777788889999 us-east-1, the one ending 2025-03-26T12:00:00Z.
    Path gone =
        find(
                trail,
                "AWSLogs/o-a1b2c3d4e5/777788889999/CloudTrail-Digest/us-east-1/2025/03/26/*T120000Z.json.gz")
            .get(0);
    // Sign every digest (as CloudTrail would, with our throwaway key), then tamper one signature.
    List<Path> digests = find(trail, "**/CloudTrail-Digest/**/*.json.gz");
    for (Path d : digests) {
      Digest parsed = Digest.parse(d.toUri().toString(), Files.readAllBytes(d));
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(pair.getPrivate());
      s.update(Signatures.signedString(parsed).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      Files.writeString(Path.of(d + ".sig"), HexFormat.of().formatHex(s.sign()));
    }
    Path tampered =
        find(trail, "AWSLogs/444455556666/CloudTrail-Digest/us-west-2/2025/03/24/*T100000Z.json.gz")
                .isEmpty()
            ? find(
                    trail,
                    "AWSLogs/o-a1b2c3d4e5/444455556666/CloudTrail-Digest/us-west-2/2025/03/24/*T100000Z.json.gz")
                .get(0)
            : null;
    Files.writeString(Path.of(tampered + ".sig"), "00".repeat(256));
    Files.delete(gone);
    Files.delete(Path.of(gone + ".sig"));

    SparkSession spark = TestSpark.session();
    Config c =
        ConfigLoader.load(
            null,
            List.of(
                "input=" + trail,
                "warehouse=" + dir.resolve("wh"),
                "reports=" + dir.resolve("reports"),
                "verify.public_keys=" + keys));
    new Ingest(spark, c, Clock.systemUTC())
        .run(new DateRange(FROM, TO), Ingest.Mode.NEW_FILES, "r", "test");
    // A log file altered after it was ingested: 444455556666 us-west-2 on the 26th (org layout).
    Path altered =
        find(trail, "AWSLogs/o-a1b2c3d4e5/444455556666/CloudTrail/us-west-2/2025/03/26/*.json.gz")
            .get(0);
    byte[] bytes = Files.readAllBytes(altered);
    bytes[bytes.length / 2] ^= 1;
    Files.write(altered, bytes);

    List<Verifier.Result> results =
        new VerifyJob(spark, c).run(new DateRange(FROM, TO), "v", Instant.now());
    List<String> problems = new ArrayList<>();
    for (Verifier.Result r : results) {
      if (!r.complete()) {
        problems.add(r.day() + " " + r.accountId() + " " + r.region() + ": " + r.verdict());
      }
      assertTrue(r.signaturesChecked() > 0, "signatures checked for " + r);
    }
    assertEquals(
        List.of(
            "2025-03-24 444455556666 us-west-2: 1 digest signatures invalid",
            "2025-03-25 111122223333 us-west-2: 1 log files missing",
            "2025-03-25 444455556666 us-east-1: 5 ingested files in no digest",
            "2025-03-26 444455556666 us-west-2: 1 log files altered",
            "2025-03-26 777788889999 us-east-1: 1 digest files missing"),
        problems);
    Verifier.Result m =
        results.stream().filter(r -> !r.missing().isEmpty()).findFirst().orElseThrow();
    assertEquals(List.of(TrailLayout.relativeKey(missing.toString())), m.missing());
    Verifier.Result a =
        results.stream().filter(r -> !r.hashMismatches().isEmpty()).findFirst().orElseThrow();
    assertEquals(List.of(TrailLayout.relativeKey(altered.toString())), a.hashMismatches());
    Verifier.Result g =
        results.stream().filter(r -> !r.digestGaps().isEmpty()).findFirst().orElseThrow();
    assertEquals(List.of(TrailLayout.relativeKey(gone.toString())), g.digestGaps());
    assertEquals(
        results.size(), spark.read().format("delta").load(c.table("verification")).count());
    String json = Files.readString(dir.resolve("reports/2025-03-26/verification.json"));
    assertTrue(
        json.contains("NOT COMPLETE: 0 log files missing, 1 altered, 1 digest files missing"),
        json);
    assertTrue(
        Verdicts.forReport(spark, c, LocalDate.of(2025, 3, 24))
            .startsWith("NOT COMPLETE: 444455556666/us-west-2: 1 digest signatures invalid"));
  }

  @Test
  void aCompleteDayReadsSo() {
    Verifier.Result ok =
        new Verifier.Result(
            FROM,
            "111122223333",
            "us-east-1",
            4,
            4,
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            24,
            0,
            List.of());
    assertEquals("complete and unaltered", ok.verdict());
    assertEquals(
        "Complete and unaltered: all 4 log files named by 24 CloudTrail digests were ingested with matching SHA-256; "
            + "digest signatures not checked (no public keys configured).",
        Verdicts.line(List.of(ok)));
  }
}

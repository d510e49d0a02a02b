package dev.trailhouse.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trailhouse.ChildRun;
import dev.trailhouse.Repo;
import dev.trailhouse.S3Server;
import dev.trailhouse.TestSpark;
import dev.trailhouse.config.ConfigLoader;
import dev.trailhouse.config.DateRange;
import dev.trailhouse.ingest.Ingest;
import dev.trailhouse.write.IngestSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local run that finds its S3 credentials in an AWS profile, as on a laptop with AWS_PROFILE: a
 * child JVM (environment variables cannot change in-process) without any key variable, its profile
 * in a credentials file beside a default profile whose keys S3Proxy refuses, ingests the sample
 * trail from S3Proxy and gets what an in-process run of the local copy gets. The profile holds the
 * keys, or a credential_process command.
 */
class S3ProfileCredentialsTest {
  static final LocalDate FROM = LocalDate.of(2025, 3, 24);
  static final LocalDate TO = LocalDate.of(2025, 3, 26);
  static final String PROFILE = "trailhouse-test-profile";

  @TempDir static Path dir;
  static S3Server s3;
  static final SparkSession spark = TestSpark.session();

  @BeforeAll
  static void start() throws Exception {
    s3 = S3Server.start(dir, "trail");
    // S3Proxy's filesystem backend serves the files under the bucket's folder as objects.
    Path to = s3.data().resolve("trail/cloudtrail");
    try (Stream<Path> files = Files.walk(Repo.sampleTrail())) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path dst = to.resolve(Repo.sampleTrail().relativize(f).toString());
        Files.createDirectories(dst.getParent());
        Files.copy(f, dst);
      }
    }
  }

  @AfterAll
  static void stop() {
    s3.close();
  }

  @Test
  void aNamedProfileInTheCredentialsFileReadsTheTrail() throws Exception {
    childIngestEqualsLocal(
        "keys",
        String.join(
            "\n",
            "[" + PROFILE + "]",
            "aws_access_key_id = " + S3Server.IDENTITY,
            "aws_secret_access_key = " + S3Server.CREDENTIAL));
  }

  /**
   * A profile whose credentials come from a command, as `aws configure export-credentials --format
   * process` gives an SSO login's to SDK v1; here a script prints the JSON that command prints.
   */
  @Test
  void aCredentialProcessProfileReadsTheTrail() throws Exception {
    Path script = dir.resolve("export-credentials.sh");
    Files.writeString(
        script,
        "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \""
            + S3Server.IDENTITY
            + "\", \"SecretAccessKey\": \""
            + S3Server.CREDENTIAL
            + "\"}'\n");
    script.toFile().setExecutable(true);
    childIngestEqualsLocal("process", "[" + PROFILE + "]\ncredential_process = " + script);
  }

  /**
   * Ingests in a child JVM whose only credentials are the profile PROFILE (beside a wrong default).
   */
  void childIngestEqualsLocal(String name, String profile) throws Exception {
    Path aws = Files.createDirectories(dir.resolve("aws-" + name));
    Path credentials =
        Files.writeString(
            aws.resolve("credentials"),
            String.join(
                "\n",
                "[default]",
                "aws_access_key_id = not-this-one",
                "aws_secret_access_key = not-this-secret",
                profile,
                ""));
    Path config =
        Files.writeString(aws.resolve("config"), "[profile " + PROFILE + "]\nregion = us-east-1\n");
    Map<String, String> env =
        Map.of(
            "AWS_PROFILE", PROFILE,
            "AWS_SHARED_CREDENTIALS_FILE",
                credentials.toString(), // SDK v2 (hadoop-aws 3.4) and the AWS CLI
            "AWS_CREDENTIAL_PROFILES_FILE", credentials.toString(), // SDK v1 (hadoop-aws 3.3)
            "AWS_CONFIG_FILE", config.toString());
    Path wh = dir.resolve("child-wh-" + name);
    List<String> args =
        new ArrayList<>(
            List.of(
                "ingest",
                "--from",
                FROM.toString(),
                "--to",
                TO.toString(),
                "--set",
                "input=s3a://trail/cloudtrail/",
                "--set",
                "warehouse=" + wh,
                "--set",
                "s3.endpoint=" + s3.endpoint(),
                "--set",
                "s3.path_style_access=true"));
    for (Map.Entry<String, String> e : s3.hadoopSettings(s3.endpoint()).entrySet()) {
      args.addAll(List.of("--set", "spark.hadoop." + e.getKey() + "=" + e.getValue()));
    }
    ChildRun.Result r =
        ChildRun.start(
                dir,
                env,
                List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"),
                args.toArray(String[]::new))
            .await(600);
    assertEquals(0, r.exit(), r.err());

    Row run =
        spark
            .read()
            .format("delta")
            .load(wh.resolve("ingest_runs").toUri().toString())
            .selectExpr("status", "files_read", "records_read", "records_written")
            .first();
    IngestSummary l = local();
    assertEquals(
        List.of("succeeded", l.filesRead(), l.recordsRead(), l.written()),
        List.of(run.getString(0), run.getLong(1), run.getLong(2), run.getLong(3)));
    assertEquals(eventIds(dir.resolve("local-wh")), eventIds(wh));
  }

  static IngestSummary localRun;

  /** An in-process ingest of the local copy of the trail, once. */
  static synchronized IngestSummary local() {
    if (localRun == null) {
      localRun =
          new Ingest(
                  spark,
                  ConfigLoader.load(
                      null,
                      List.of(
                          "input=" + Repo.sampleTrail(), "warehouse=" + dir.resolve("local-wh"))),
                  Clock.systemUTC())
              .run(
                  new DateRange(FROM, TO),
                  Ingest.Mode.NEW_FILES,
                  UUID.randomUUID().toString(),
                  "local");
    }
    return localRun;
  }

  static List<Object> eventIds(Path warehouse) {
    return spark
        .read()
        .format("delta")
        .load(warehouse.resolve("events").toUri().toString())
        .select("event_id")
        .orderBy("event_id")
        .collectAsList()
        .stream()
        .map(row -> row.get(0))
        .toList();
  }
}

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
 * trail from S3Proxy and gets what an in-process run of the local copy gets.
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
    Path aws = Files.createDirectories(dir.resolve("aws"));
    Path credentials = Files.writeString(aws.resolve("credentials"), String.join("\n",
        "[default]",
        "aws_access_key_id = not-this-one",
        "aws_secret_access_key = not-this-secret",
        "[" + PROFILE + "]",
        "aws_access_key_id = " + S3Server.IDENTITY,
        "aws_secret_access_key = " + S3Server.CREDENTIAL,
        ""));
    Path config = Files.writeString(aws.resolve("config"), "[profile " + PROFILE + "]\nregion = us-east-1\n");
    Map<String, String> env = Map.of(
        "AWS_PROFILE", PROFILE,
        "AWS_SHARED_CREDENTIALS_FILE", credentials.toString(), // SDK v2 (hadoop-aws 3.4) and the AWS CLI
        "AWS_CREDENTIAL_PROFILES_FILE", credentials.toString(), // SDK v1 (hadoop-aws 3.3)
        "AWS_CONFIG_FILE", config.toString());
    List<String> args = new ArrayList<>(List.of("ingest", "--from", FROM.toString(), "--to", TO.toString(),
        "--set", "input=s3a://trail/cloudtrail/", "--set", "warehouse=" + dir.resolve("child-wh"),
        "--set", "s3.endpoint=" + s3.endpoint(), "--set", "s3.path_style_access=true"));
    for (Map.Entry<String, String> e : s3.hadoopSettings(s3.endpoint()).entrySet()) {
      args.addAll(List.of("--set", "spark.hadoop." + e.getKey() + "=" + e.getValue()));
    }
    ChildRun.Result r = ChildRun.start(dir, env, List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"),
        args.toArray(String[]::new)).await(600);
    assertEquals(0, r.exit(), r.err());

    IngestSummary local = new Ingest(spark, ConfigLoader.load(null, List.of("input=" + Repo.sampleTrail(),
        "warehouse=" + dir.resolve("local-wh"))), Clock.systemUTC())
        .run(new DateRange(FROM, TO), Ingest.Mode.NEW_FILES, UUID.randomUUID().toString(), "local");
    Row run = spark.read().format("delta").load(dir.resolve("child-wh/ingest_runs").toUri().toString())
        .selectExpr("status", "files_read", "records_read", "records_written").first();
    assertEquals(List.of("succeeded", local.filesRead(), local.recordsRead(), local.written()),
        List.of(run.getString(0), run.getLong(1), run.getLong(2), run.getLong(3)));
    assertEquals(eventIds(dir.resolve("local-wh")), eventIds(dir.resolve("child-wh")));
  }

  static List<Object> eventIds(Path warehouse) {
    return spark.read().format("delta").load(warehouse.resolve("events").toUri().toString())
        .select("event_id").orderBy("event_id").collectAsList().stream().map(row -> row.get(0)).toList();
  }
}

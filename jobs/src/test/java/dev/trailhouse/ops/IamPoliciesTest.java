package dev.trailhouse.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailhouse.Repo;
import dev.trailhouse.config.Config;
import dev.trailhouse.config.ConfigLoader;
import dev.trailhouse.ops.IamPolicy.Request;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The policy documents in conf/emr/iam allow every request the job's own code makes on the
 * locations of the EMR templates (conf/emr.yaml and the step files), and no more than that on the
 * trail. The requests are listed here with where each comes from; S3's action names for them are
 * those of the S3 API reference (HEAD is authorised as s3:GetObject, multipart uploads as
 * s3:PutObject, a copy as s3:GetObject on the source and s3:PutObject on the target).
 */
class IamPoliciesTest {
  static final Path IAM = Repo.root().resolve("conf/emr/iam");
  static final String REGION = "YOUR-REGION";
  static final String VIA_S3 = "s3." + REGION + ".amazonaws.com";
  static final String ROLE = "arn:aws:iam::YOUR-ACCOUNT-ID:role/YOUR-JOB-ROLE";
  static final String TRAIL_KEY =
      "arn:aws:kms:YOUR-REGION:YOUR-LOG-ARCHIVE-ACCOUNT-ID:key/YOUR-TRAIL-KMS-KEY-ID";
  static final String LAKE_KEY = "arn:aws:kms:YOUR-REGION:YOUR-ACCOUNT-ID:key/YOUR-LAKE-KMS-KEY-ID";
  static final String DAY = "AWSLogs/o-exampleorg/111122223333/CloudTrail/us-east-1/2025/03/24/";
  static final String LOG_FILE =
      DAY + "111122223333_CloudTrail_us-east-1_20250324T0005Z_abc.json.gz";
  static final String DIGEST =
      "AWSLogs/o-exampleorg/111122223333/CloudTrail-Digest/us-east-1/2025/03/24/"
          + "111122223333_CloudTrail-Digest_us-east-1_org-trail_us-east-1_20250324T010000Z.json.gz";

  static final Config EMR =
      ConfigLoader.load(Repo.root().resolve("conf/emr.yaml").toString(), List.of());

  /**
   * Every policy file is a policy document this test can read, the DynamoDB one or any later one
   * too.
   */
  @Test
  void everyPolicyParses() throws Exception {
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(IAM)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        JsonNode doc = new ObjectMapper().readTree(f.toFile());
        assertEquals("2012-10-17", doc.path("Version").asText(), f.toString());
        assertTrue(
            doc.path("Statement").isArray() && doc.path("Statement").size() > 0, f.toString());
        names.add(f.getFileName().toString());
      }
    }
    assertTrue(
        names.containsAll(
            List.of(
                "job-role-s3.json",
                "job-role-glue.json",
                "log-archive-bucket-policy.json",
                "log-archive-kms-key-policy.json")),
        names.toString());
  }

  /** What the job does with the trail (read-only): the input prefix of conf/emr.yaml. */
  static List<Request> trailRequests() {
    S3Location in = S3Location.of(EMR.input());
    return List.of(
        // read.TrailLister: FileSystem.listStatus of <input>/AWSLogs/, each account, region and day
        // folder
        // (ListObjectsV2 with a delimiter). s3a probes a folder it finds empty with HEAD
        // (s3:GetObject below).
        in.list(in.key("AWSLogs/")),
        in.list(in.key(DAY)),
        // ingest.ReadTask: FileSystem.open of each log file (s3a: HEAD, then GET).
        in.object("s3:GetObject", in.key(LOG_FILE)),
        // verify.VerifyJob: lists the digest folders and opens each digest (and its .sig sidecar if
        // any).
        in.list(in.key(DIGEST.substring(0, DIGEST.lastIndexOf('/') + 1))),
        in.object("s3:GetObject", in.key(DIGEST)),
        in.object("s3:GetObject", in.key(DIGEST + ".sig")),
        // A GET of an SSE-KMS object: S3 asks KMS to decrypt the data key on the caller's behalf.
        Request.of("kms:Decrypt", TRAIL_KEY, Map.of("kms:ViaService", VIA_S3)));
  }

  /** What the job does under one lake location (the warehouse or the reports folder). */
  static List<Request> lakeRequests(String location, String file) {
    S3Location l = S3Location.of(location);
    String folder = file.substring(0, file.lastIndexOf('/') + 1);
    List<Request> r =
        new ArrayList<>(
            List.of(
                // Delta's log listing (listFrom) and our own listings (write.DeltaTables,
                // ingest.EventsLoad,
                // report.ReportFiles' part folders).
                l.list(l.key("")),
                l.list(l.key(folder)),
                // Delta reads its log and checkpoints; Spark and the key check read Parquet data
                // files;
                // ReportFiles reads the parts it joins.
                l.object("s3:GetObject", l.key(file)),
                // Delta's commit files (S3SingleDriverLogStore: create without overwrite),
                // write.parquet.EventsFile
                // (ReadTask's FileSystem.create), Spark's writers, ReportFiles' files; a file above
                // fs.s3a.multipart.threshold is a multipart upload, authorised as s3:PutObject.
                l.object("s3:PutObject", l.key(file)),
                // s3a aborts the multipart upload of a write that fails.
                l.object("s3:AbortMultipartUpload", l.key(file)),
                // EventsFile deletes the files of a failed run, EventsLoad the leftovers of a
                // killed one,
                // DeltaTables a commit-less _delta_log, VACUUM (write.Maintenance) old files,
                // ReportFiles its
                // parts and the target of a rename (a copy, then a delete of the source); s3a 3.3
                // deletes the
                // empty-folder markers above a file it writes.
                l.object("s3:DeleteObject", l.key(file)),
                l.object("s3:DeleteObject", l.key(folder)),
                // SSE-KMS on the lake bucket: a PUT needs a new data key, a GET its decryption.
                Request.of("kms:GenerateDataKey", LAKE_KEY, Map.of("kms:ViaService", VIA_S3)),
                Request.of("kms:Decrypt", LAKE_KEY, Map.of("kms:ViaService", VIA_S3))));
    // s3a's mkdirs (Delta creates _delta_log with it, ReportFiles the day folder) walks up from the
    // folder it creates until it finds a folder: a LIST of "<parent>/", then a HEAD of "<parent>",
    // so that no parent is a file. On a new lake it walks up to the bucket.
    for (String parent = l.prefix(); parent != null; parent = parent(parent)) {
      r.add(l.list(parent + "/"));
      r.add(l.object("s3:GetObject", parent));
    }
    return r;
  }

  static String parent(String key) {
    String k = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
    int slash = k.lastIndexOf('/');
    return slash < 0 ? null : k.substring(0, slash);
  }

  /**
   * The configuration file (ConfigLoader opens the --conf URI) and the jar spark-submit fetches.
   */
  static List<Request> stepRequests() throws Exception {
    JsonNode step =
        new ObjectMapper()
            .readTree(Repo.root().resolve("conf/emr/steps-ingest.json").toFile())
            .get(0);
    List<String> args = new ArrayList<>();
    step.get("Args").forEach(a -> args.add(a.asText()));
    S3Location conf = S3Location.of(args.get(args.lastIndexOf("--conf") + 1));
    S3Location jar =
        S3Location.of(
            args.stream()
                .filter(a -> a.startsWith("s3://") && a.endsWith(".jar"))
                .findFirst()
                .orElseThrow());
    return List.of(
        conf.object("s3:GetObject", conf.prefix()), jar.object("s3:GetObject", jar.prefix()));
  }

  static List<Request> jobRequests() throws Exception {
    List<Request> all = new ArrayList<>(trailRequests());
    all.addAll(
        lakeRequests(
            EMR.warehouse(), "events/event_date=2025-03-24/part-00000-abc.snappy.parquet"));
    all.addAll(lakeRequests(EMR.warehouse(), "events/_delta_log/00000000000000000007.json"));
    all.addAll(lakeRequests(EMR.requireReports(), "2025-03-24/changes.csv"));
    all.addAll(stepRequests());
    return all;
  }

  @Test
  void theJobRoleAllowsEveryRequestOfTheJob() throws Exception {
    IamPolicy role = IamPolicy.read(IAM.resolve("job-role-s3.json"));
    for (Request r : jobRequests()) {
      assertTrue(role.allows(r), role.name() + " must allow " + r);
    }
  }

  @Test
  void theTrailIsReadOnlyAndOnlyUnderItsPrefix() throws Exception {
    IamPolicy role = IamPolicy.read(IAM.resolve("job-role-s3.json"));
    S3Location in = S3Location.of(EMR.input());
    for (String action :
        List.of("s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:PutObjectAcl")) {
      assertFalse(role.allows(in.object(action, in.key(LOG_FILE))), action);
    }
    assertFalse(role.allows(in.object("s3:GetObject", "elsewhere/x.json.gz")));
    assertFalse(role.allows(in.list("elsewhere/")));
    assertFalse(role.allows(in.list(""))); // the bucket's whole listing
    assertFalse(
        role.allows(Request.of("s3:ListBucket", in.bucketArn(), Map.of()))); // no prefix at all
    assertFalse(
        role.allows(
            Request.of(
                "kms:Decrypt",
                TRAIL_KEY,
                Map.of("kms:ViaService", "ec2." + REGION + ".amazonaws.com"))));
    assertFalse(role.allows(Request.of("kms:Decrypt", TRAIL_KEY, Map.of())));
    assertFalse(
        role.allows(
            Request.of("kms:GenerateDataKey", TRAIL_KEY, Map.of("kms:ViaService", VIA_S3))));
    S3Location lake = S3Location.of(EMR.warehouse());
    assertFalse(role.allows(lake.object("s3:DeleteObject", "elsewhere/x")));
    assertFalse(role.allows(lake.object("s3:PutObject", parent(lake.prefix()))));
    for (String action :
        List.of("s3:DeleteBucket", "s3:PutBucketPolicy", "s3:PutLifecycleConfiguration")) {
      assertFalse(role.allows(Request.of(action, lake.bucketArn(), Map.of())), action);
    }
  }

  /**
   * A trail bucket in a log-archive account: its bucket policy lets the job role read as its own
   * policy does.
   */
  @Test
  void theLogArchiveBucketPolicyLetsTheJobRoleReadTheTrail() throws Exception {
    IamPolicy bucket = IamPolicy.read(IAM.resolve("log-archive-bucket-policy.json"));
    IamPolicy key = IamPolicy.read(IAM.resolve("log-archive-kms-key-policy.json"));
    for (Request r : trailRequests()) {
      IamPolicy p = r.action().startsWith("kms:") ? key : bucket;
      assertTrue(p.allows(r.by(ROLE)), p.name() + " must allow " + r.by(ROLE));
      assertFalse(p.allows(r.by("arn:aws:iam::YOUR-ACCOUNT-ID:role/another-role")), r.toString());
    }
    S3Location in = S3Location.of(EMR.input());
    assertFalse(bucket.allows(in.object("s3:PutObject", in.key(LOG_FILE)).by(ROLE)));
    assertFalse(bucket.allows(in.object("s3:GetObject", "elsewhere/x").by(ROLE)));
  }

  /**
   * catalog.database (trail in conf/emr.yaml): cli.Catalog's statements through the Glue Data
   * Catalog client.
   */
  @Test
  void theGluePolicyAllowsTheCatalogStatements() throws Exception {
    IamPolicy glue = IamPolicy.read(IAM.resolve("job-role-glue.json"));
    String db = EMR.catalogDatabase();
    assertEquals("trail", db);
    String arn = "arn:aws:glue:YOUR-REGION:YOUR-ACCOUNT-ID:";
    List<Request> needed = new ArrayList<>();
    // Spark's session catalog checks that the database `default` exists.
    needed.add(Request.of("glue:GetDatabase", arn + "catalog", Map.of()));
    needed.add(Request.of("glue:GetDatabase", arn + "database/default", Map.of()));
    // CREATE DATABASE IF NOT EXISTS: GetDatabase, then CreateDatabase.
    for (String action : List.of("glue:GetDatabase", "glue:CreateDatabase")) {
      needed.add(Request.of(action, arn + "catalog", Map.of()));
      needed.add(Request.of(action, arn + "database/" + db, Map.of()));
    }
    // CREATE TABLE IF NOT EXISTS ... USING DELTA LOCATION: GetTable, then CreateTable; SHOW TABLES:
    // GetTables.
    for (String action : List.of("glue:GetTable", "glue:CreateTable", "glue:GetTables")) {
      needed.add(Request.of(action, arn + "catalog", Map.of()));
      needed.add(Request.of(action, arn + "database/" + db, Map.of()));
      needed.add(Request.of(action, arn + "table/" + db + "/events", Map.of()));
    }
    for (Request r : needed) {
      assertTrue(glue.allows(r), glue.name() + " must allow " + r);
    }
    assertFalse(
        glue.allows(Request.of("glue:DeleteTable", arn + "table/" + db + "/events", Map.of())));
    assertFalse(glue.allows(Request.of("glue:CreateTable", arn + "table/other/events", Map.of())));
    assertFalse(glue.allows(Request.of("glue:CreateDatabase", arn + "database/default", Map.of())));
  }

  /** An s3a:// or s3:// location: its bucket and key prefix, and the requests on them. */
  record S3Location(String bucket, String prefix) {
    static S3Location of(String uri) {
      URI u = URI.create(uri);
      assertTrue(u.getScheme().equals("s3a") || u.getScheme().equals("s3"), uri);
      String path = u.getPath().startsWith("/") ? u.getPath().substring(1) : u.getPath();
      return new S3Location(
          u.getHost(), path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    }

    String key(String relative) {
      return prefix + "/" + relative;
    }

    String bucketArn() {
      return "arn:aws:s3:::" + bucket;
    }

    Request list(String keyPrefix) {
      return Request.of("s3:ListBucket", bucketArn(), Map.of("s3:prefix", keyPrefix));
    }

    Request object(String action, String key) {
      return Request.of(action, bucketArn() + "/" + key, Map.of());
    }
  }
}

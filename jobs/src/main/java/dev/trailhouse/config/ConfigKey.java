package dev.trailhouse.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every configuration key, declared once with its type, default and meaning. Precedence: a {@code
 * --set key=value} beats the {@code --conf} file, which beats the default here. Keys starting with
 * {@code spark.} are passed to the Spark session as they are.
 */
public enum ConfigKey {
  INPUT(
      "input",
      Type.LOCATION,
      null,
      "Trail prefix that holds AWSLogs/: a local path, file:, s3a:// or s3://."),
  WAREHOUSE(
      "warehouse", Type.LOCATION, null, "Where the Delta tables live (one folder per table)."),
  REPORTS(
      "reports",
      Type.LOCATION,
      null,
      "Where report files go: <reports>/<date>/. On a cluster, a location the driver and every executor share (s3:// or HDFS)."),
  ACCOUNTS(
      "accounts",
      Type.LIST,
      "",
      "Account ids to ingest; empty means every account under the prefix."),
  REGIONS("regions", Type.LIST, "", "Regions to ingest; empty means every region."),
  SOURCES(
      "sources",
      Type.LIST,
      "",
      "Event sources to keep (e.g. connect.amazonaws.com); empty keeps all."),
  LATENESS_DAYS(
      "lateness_days",
      Type.INT,
      "1",
      "Later delivery-day folders also read for the days asked (0-30)."),
  INGEST_PARALLELISM(
      "ingest.parallelism",
      Type.INT,
      "0",
      "Read tasks; 0 sizes them from the files listed (see ingest.partition_mb)."),
  INGEST_LISTING_THREADS(
      "ingest.listing_threads", Type.INT, "16", "Threads that list day folders in parallel."),
  INGEST_PARTITION_MB(
      "ingest.partition_mb",
      Type.INT,
      "64",
      "Compressed input per read task (at least two tasks per core); each task writes one data file per event date, so this sizes the files."),
  REPORT_SOURCES(
      "report.sources",
      Type.LIST,
      "connect,voiceid,profile,wisdom,cases,app-integrations",
      "Event sources the reports cover, by short name (connect = connect.amazonaws.com)."),
  REPORT_BASELINE_DAYS(
      "report.baseline_days", Type.INT, "30", "Days looked back to decide a new actor or IP."),
  REPORT_MAX_USER_AGENTS(
      "report.max_user_agents", Type.INT, "10", "Distinct user agents kept per access row."),
  S3_ENDPOINT(
      "s3.endpoint",
      Type.STRING,
      "",
      "S3 endpoint for s3a:// (empty: AWS default for the region)."),
  S3_PATH_STYLE_ACCESS(
      "s3.path_style_access",
      Type.BOOL,
      "false",
      "Path-style S3 requests (S3-compatible servers)."),
  S3_REGION("s3.region", Type.STRING, "", "S3 region for s3a:// (empty: the SDK's default chain)."),
  S3_CONNECT_TIMEOUT_SECONDS(
      "s3.connect_timeout_seconds",
      Type.INT,
      "5",
      "Longest wait to open a connection to S3 (fs.s3a.connection.establish.timeout; 1-300)."),
  S3_REQUEST_TIMEOUT_SECONDS(
      "s3.request_timeout_seconds",
      Type.INT,
      "30",
      "Longest silence while waiting on an S3 answer (fs.s3a.connection.timeout; 1-3600)."),
  S3_RETRIES(
      "s3.retries",
      Type.INT,
      "1",
      "Retries of a failed S3 request by the AWS SDK (fs.s3a.attempts.maximum) and again by S3A (fs.s3a.retry.limit): (retries+1)^2 tries (0-10). With the defaults a dead or silent endpoint fails a request in about 141 s."),
  DELTA_LOG_STORE(
      "delta.log_store",
      Type.STRING,
      "default",
      "default: Delta's own log store (one writing driver per table on S3); dynamodb: S3DynamoDBLogStore, safe for several writers (see conf/emr/README.md)."),
  DELTA_DYNAMODB_TABLE(
      "delta.dynamodb.table",
      Type.STRING,
      "delta_log",
      "DynamoDB table that orders Delta commits (delta.log_store=dynamodb)."),
  DELTA_DYNAMODB_REGION(
      "delta.dynamodb.region",
      Type.STRING,
      "",
      "Region of that DynamoDB table, e.g. us-east-1 (required with delta.log_store=dynamodb)."),
  CATALOG_DATABASE(
      "catalog.database",
      Type.STRING,
      "",
      "Register the tables in this catalog database (Glue/Hive); empty: do not."),
  MAINTAIN_VACUUM_RETENTION_HOURS(
      "maintain.vacuum_retention_hours",
      Type.INT,
      "168",
      "VACUUM keeps files newer than this (Delta's safe minimum is 168)."),
  MAINTAIN_FORCE("maintain.force", Type.BOOL, "false", "Allow a VACUUM retention below 168 hours."),
  VERIFY_PUBLIC_KEYS(
      "verify.public_keys",
      Type.STRING,
      "",
      "Folder of CloudTrail public keys (PEM/DER) to check digest signatures."),
  VERIFY_BUCKET(
      "verify.bucket",
      Type.STRING,
      "",
      "The bucket name digests use for the trail (empty: taken from the input URI)."),
  FINDINGS_RULES_FILE(
      "findings.rules_file",
      Type.LOCATION,
      "",
      "A YAML file of your own detection rules, added to the built-in pack (docs/findings.md)."),
  FINDINGS_DISABLED_RULES(
      "findings.disabled_rules", Type.LIST, "", "Rule ids not to run (built-in or your own)."),
  FINDINGS_THRESHOLDS(
      "findings.thresholds",
      Type.LIST,
      "",
      "Counts for threshold rules as rule-id=N, e.g. access-denied-burst=20 (default: the rule's own)."),
  FINDINGS_ALLOW_ACTORS(
      "findings.allow_actors",
      Type.LIST,
      "",
      "Actors (events.actor, exactly) whose events never give a finding."),
  FINDINGS_ALLOW_IPS(
      "findings.allow_ips",
      Type.LIST,
      "",
      "Source IP addresses (exactly) whose events never give a finding.");

  /** How a value is parsed and validated. */
  public enum Type {
    STRING,
    LOCATION,
    INT,
    BOOL,
    LIST
  }

  private final String key;
  private final Type type;
  private final String defaultValue;
  private final String description;

  ConfigKey(String key, Type type, String defaultValue, String description) {
    this.key = key;
    this.type = type;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  public String key() {
    return key;
  }

  public Type type() {
    return type;
  }

  /** The default as text, or null when the key has none. */
  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  private static final Map<String, ConfigKey> BY_KEY = new LinkedHashMap<>();

  static {
    for (ConfigKey k : values()) {
      BY_KEY.put(k.key, k);
    }
  }

  public static ConfigKey of(String key) {
    return BY_KEY.get(key);
  }

  public static List<String> names() {
    return new ArrayList<>(BY_KEY.keySet());
  }
}

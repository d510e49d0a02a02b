package dev.trailhouse.cli;

import dev.trailhouse.config.Config;
import dev.trailhouse.delta.DeltaVersion;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the Spark session every command uses, after checking the Delta on the classpath is one
 * this build supports: Delta enabled, UTC, java.time values, s3a from the configuration. Under
 * spark-submit the master and resources come from spark-submit; run directly, the session is local
 * with every core.
 */
public final class Sessions {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Sessions.class);

  /** The prefix of the line that tells how long the process took to get a session. */
  static final String READY = "Spark session ready, seconds since the JVM started:";

  private Sessions() {}

  public static SparkSession create(Config config, String appName) {
    DeltaVersion.require();
    SparkConf conf = new SparkConf();
    SparkSession.Builder b = SparkSession.builder().appName("trailhouse " + appName);
    if (!conf.contains("spark.master")) {
      b.master("local[*]")
          .config("spark.ui.enabled", "false")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.driver.host", "127.0.0.1")
          .config(
              "spark.sql.shuffle.partitions",
              String.valueOf(Runtime.getRuntime().availableProcessors() * 2))
          .config("spark.databricks.delta.snapshotPartitions", "2")
          // The driver keeps the history of every job and query for the UI even with the UI off:
          // keep
          // little of it, so that a long local session (the benchmark) does not fill a small heap.
          .config("spark.sql.ui.retainedExecutions", "20")
          .config("spark.ui.retainedJobs", "50")
          .config("spark.ui.retainedStages", "50")
          .config("spark.ui.retainedTasks", "2000");
      for (Map.Entry<String, String> e : localSettings().entrySet()) {
        if (!conf.contains(e.getKey())) {
          b.config(e.getKey(), e.getValue());
        }
      }
    }
    for (Map.Entry<String, String> e : settings().entrySet()) {
      b.config(e.getKey(), e.getValue());
    }
    for (Map.Entry<String, String> e : s3a(config).entrySet()) {
      b.config(e.getKey(), e.getValue());
    }
    for (Map.Entry<String, String> e : config.sparkSettings().entrySet()) {
      b.config(e.getKey(), e.getValue());
    }
    SparkSession session = b.getOrCreate();
    LOG.info(
        "{} {}",
        READY,
        String.format(
            java.util.Locale.ROOT,
            "%.2f",
            java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1e3));
    return session;
  }

  /**
   * The settings of a local session (the embedded default and the tests), not of a cluster: local
   * folders through {@link dev.trailhouse.fs.LocalFiles}, which does not fork a process per file,
   * and the s3a credential chain of {@link dev.trailhouse.spark.LocalCredentials}. A setting the
   * user gives (spark-defaults, --set) wins.
   */
  public static Map<String, String> localSettings() {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put(dev.trailhouse.fs.LocalFiles.SETTING, dev.trailhouse.fs.LocalFiles.class.getName());
    m.put(
        dev.trailhouse.fs.LocalFiles.Context.SETTING,
        dev.trailhouse.fs.LocalFiles.Context.class.getName());
    // The catalog holds s3:// locations (Catalog): read them through s3a, as EMR does since 7.10.
    m.put("spark.hadoop.fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
    // An AWS profile or SSO login as well as environment variables and instance profiles (a
    // laptop's
    // AWS_PROFILE); a cluster keeps its own chain.
    m.put(
        dev.trailhouse.spark.LocalCredentials.SETTING,
        dev.trailhouse.spark.LocalCredentials.providers());
    return m;
  }

  /**
   * The settings every Trailhouse session has, on a cluster and locally, in tests too: Delta, UTC,
   * java.time values, and the write settings the ingest was measured with.
   */
  public static Map<String, String> settings() {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    m.put("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    m.put("spark.sql.session.timeZone", "UTC");
    m.put("spark.sql.datetime.java8API.enabled", "true");
    m.put("spark.sql.adaptive.enabled", "true");
    m.put("spark.sql.debug.maxToStringFields", "200");
    m.put("spark.databricks.delta.schema.autoMerge.enabled", "false");
    return m;
  }

  /** The s3a settings the configuration asks for, as spark.hadoop.* keys. */
  static Map<String, String> s3a(Config config) {
    Map<String, String> out = new java.util.TreeMap<>();
    if (!config.s3Endpoint().isEmpty()) {
      out.put("spark.hadoop.fs.s3a.endpoint", config.s3Endpoint());
      out.put(
          "spark.hadoop.fs.s3a.connection.ssl.enabled",
          String.valueOf(!config.s3Endpoint().startsWith("http://")));
    }
    if (config.s3PathStyleAccess()) {
      out.put("spark.hadoop.fs.s3a.path.style.access", "true");
    }
    if (!config.s3Region().isEmpty()) {
      out.put("spark.hadoop.fs.s3a.endpoint.region", config.s3Region());
    }
    // Fail within a bounded time when S3 is unreachable or silent instead of retrying for many
    // minutes.
    config.s3Budget().hadoopSettings().forEach((k, v) -> out.put("spark.hadoop." + k, v));
    return out;
  }
}

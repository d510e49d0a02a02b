package dev.trailhouse;

import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of the test JVM (surefire runs one fork, reused): local[2], UI off, few
 * shuffle partitions, Delta enabled, UTC and java.time values, as the jobs' own session, and Kryo
 * as on EMR.
 */
public final class TestSpark {
  private static SparkSession session;

  private TestSpark() {}

  public static synchronized SparkSession session() {
    if (session == null) {
      SparkSession.Builder b =
          SparkSession.builder()
              .master("local[2]")
              .appName("trailhouse-tests")
              .config("spark.ui.enabled", "false")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.databricks.delta.snapshotPartitions", "2")
              // As the EMR templates (conf/emr/configurations.json): what the job ships must
              // survive Kryo.
              .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
              .config(
                  "spark.sql.warehouse.dir",
                  System.getProperty("java.io.tmpdir")
                      + "/trailhouse-test-warehouse-"
                      + ProcessHandle.current().pid());
      // The same settings as the jobs' sessions, from the one place they are declared.
      dev.trailhouse.cli.Sessions.settings().forEach(b::config);
      dev.trailhouse.cli.Sessions.localSettings().forEach(b::config);
      session = b.getOrCreate();
    }
    return session;
  }
}

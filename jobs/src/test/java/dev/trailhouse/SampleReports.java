package dev.trailhouse;

import dev.trailhouse.config.Config;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;

/** Builds the sample lake's reports (filled in when the report job lands). */
final class SampleReports {
  private SampleReports() {}

  static void build(SparkSession spark, Config config, LocalDate first, LocalDate last) {}
}

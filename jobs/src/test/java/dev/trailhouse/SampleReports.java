package dev.trailhouse;

import dev.trailhouse.config.Config;
import dev.trailhouse.report.ReportJob;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;

/** Builds the sample lake's reports, one day at a time as `trailhouse report --from --to` does. */
final class SampleReports {
  static final String VERDICT = "Coverage not verified (sample lake)";

  private SampleReports() {}

  static void build(SparkSession spark, Config config, LocalDate first, LocalDate last) {
    ReportJob job = new ReportJob(spark, config);
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      job.run(d, VERDICT);
    }
  }
}

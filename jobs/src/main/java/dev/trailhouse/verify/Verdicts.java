package dev.trailhouse.verify;

import dev.trailhouse.config.Config;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;

/** The coverage verdict line shown at the top of a day's report.html. */
public final class Verdicts {
  private Verdicts() {}

  public static String forReport(SparkSession spark, Config config, LocalDate day) {
    return "Coverage not verified: run 'trailhouse verify --from " + day + " --to " + day
        + "' to check this day against CloudTrail's digest files.";
  }
}

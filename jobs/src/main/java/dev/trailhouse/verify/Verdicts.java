package dev.trailhouse.verify;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.trailhouse.config.Config;
import io.delta.tables.DeltaTable;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The coverage verdict line shown at the top of a day's report.html. */
public final class Verdicts {
  private Verdicts() {}

  /** The verdict for a day from its verification results (all accounts and regions). */
  public static String line(List<Verifier.Result> day) {
    if (day.isEmpty()) {
      return "Coverage not verified: no digest files found for this day (is log file validation on?).";
    }
    long files = day.stream().mapToLong(Verifier.Result::filesExpected).sum();
    long digests = day.stream().mapToLong(Verifier.Result::digestsRead).sum();
    long sigs = day.stream().mapToLong(Verifier.Result::signaturesChecked).sum();
    String signatures =
        sigs == 0
            ? "digest signatures not checked (no public keys configured)"
            : sigs + " digest signatures checked";
    if (day.stream().allMatch(Verifier.Result::complete)) {
      return "Complete and unaltered: all "
          + files
          + " log files named by "
          + digests
          + " CloudTrail digests were ingested "
          + "with matching SHA-256; "
          + signatures
          + ".";
    }
    long missing = day.stream().mapToLong(r -> r.missing().size()).sum();
    long altered = day.stream().mapToLong(r -> r.hashMismatches().size()).sum();
    long gaps = day.stream().mapToLong(r -> r.digestGaps().size()).sum();
    long unlisted = day.stream().mapToLong(r -> r.unlisted().size()).sum();
    long bad = day.stream().mapToLong(r -> r.signaturesFailed().size()).sum();
    return "NOT COMPLETE: "
        + missing
        + " log files missing, "
        + altered
        + " altered, "
        + gaps
        + " digest files missing, "
        + bad
        + " digest signatures invalid, "
        + unlisted
        + " ingested files named by no digest (of "
        + files
        + " files in "
        + digests
        + " digests; "
        + signatures
        + "). See verification.json.";
  }

  /** The verdict of the day from the verification table, or how to get one. */
  public static String forReport(SparkSession spark, Config config, LocalDate day) {
    String path = config.table(VerificationTable.NAME);
    if (DeltaTable.isDeltaTable(spark, path)) {
      List<Row> rows =
          spark
              .read()
              .format("delta")
              .load(path)
              .where(col("verified_date").equalTo(lit(day)))
              .collectAsList();
      if (!rows.isEmpty()) {
        long files = 0;
        long problems = 0;
        StringBuilder what = new StringBuilder();
        for (Row r : rows) {
          files += r.<Long>getAs("files_expected");
          if (!"complete and unaltered".equals(r.getAs("verdict"))) {
            problems++;
            what.append(what.length() == 0 ? "" : "; ")
                .append(r.<String>getAs("account_id"))
                .append('/')
                .append(r.<String>getAs("region"))
                .append(": ")
                .append(r.<String>getAs("verdict"));
          }
        }
        return problems == 0
            ? "Complete and unaltered: every one of the "
                + files
                + " log files CloudTrail's digests name for this day was ingested unaltered."
            : "NOT COMPLETE: " + what;
      }
    }
    return "Coverage not verified: run 'trailhouse verify --from "
        + day
        + " --to "
        + day
        + "' to check this day against CloudTrail's digest files.";
  }
}

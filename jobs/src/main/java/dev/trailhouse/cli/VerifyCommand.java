package dev.trailhouse.cli;

import dev.trailhouse.config.Config;
import dev.trailhouse.config.ConfigKey;
import dev.trailhouse.config.ConfigLoader;
import dev.trailhouse.config.DateRange;
import dev.trailhouse.verify.Verifier;
import dev.trailhouse.verify.VerifyJob;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.spark.sql.SparkSession;

/**
 * {@code trailhouse verify}: prove from CloudTrail's digests that every log file was ingested,
 * untouched.
 */
final class VerifyCommand implements Command {
  private static final Set<String> VALUES = Set.of("--from", "--to");
  private static final Set<String> FLAGS = Set.of();

  @Override
  public String name() {
    return "verify";
  }

  @Override
  public String summary() {
    return "check the ingested files against CloudTrail's digest files (missing, altered, gaps)";
  }

  @Override
  public String help() {
    return "Usage: trailhouse verify --from YYYY-MM-DD --to YYYY-MM-DD [--conf FILE] [--set key=value]...\n\n"
        + "Reads the CloudTrail-Digest folders of those days (and one day on each side for the chain), and checks\n"
        + "that every log file a digest names was ingested, that its SHA-256 still matches, that no digest is\n"
        + "missing from the chain, and which ingested files no digest names. Writes <warehouse>/verification and\n"
        + "<reports>/<date>/verification.json. Exit 1 when anything is missing or altered.\n"
        + ConfigKey.VERIFY_PUBLIC_KEYS.key()
        + ": a folder of CloudTrail public keys (file name = fingerprint) to check signatures.\n\n"
        + CommonOptions.HELP;
  }

  @Override
  public Set<String> options() {
    return Args.union(VALUES, FLAGS);
  }

  @Override
  public int run(String[] argv) {
    Args args = Args.parse(name(), argv, VALUES, FLAGS);
    DateRange range =
        DateRange.parse(
            args.required("--from", "--from 2025-03-24"), args.required("--to", "--to 2025-03-26"));
    Config config = CommonOptions.config(args);
    long start = System.nanoTime();
    SparkSession spark = Sessions.create(config, name());
    String runId = UUID.randomUUID().toString();
    String arguments = name() + " " + String.join(" ", ConfigLoader.maskArgs(Arrays.asList(argv)));
    return RunLedger.run(
        spark, config, name(), runId, arguments, () -> verify(spark, config, range, runId, start));
  }

  private static RunLedger.Ending verify(
      SparkSession spark, Config config, DateRange range, String runId, long start) {
    List<Verifier.Result> results = new VerifyJob(spark, config).run(range, runId, Instant.now());
    Catalog.register(spark, config);
    long complete = results.stream().filter(Verifier.Result::complete).count();
    System.out.printf(
        "trailhouse verify %s..%s %s: %d day/account/region streams, %d complete and unaltered, %d files expected, "
            + "%d missing, %d altered, %d digest gaps, %d unlisted | %.1fs%n",
        range.from(),
        range.to(),
        complete == results.size() ? "complete" : "NOT COMPLETE",
        results.size(),
        complete,
        results.stream().mapToLong(Verifier.Result::filesExpected).sum(),
        results.stream().mapToLong(r -> r.missing().size()).sum(),
        results.stream().mapToLong(r -> r.hashMismatches().size()).sum(),
        results.stream().mapToLong(r -> r.digestGaps().size()).sum(),
        results.stream().mapToLong(r -> r.unlisted().size()).sum(),
        (System.nanoTime() - start) / 1e9);
    return complete == results.size()
        ? new RunLedger.Ending(0, null)
        : new RunLedger.Ending(
            1,
            (results.size() - complete)
                + " of "
                + results.size()
                + " day/account/region streams are not complete and unaltered (see the verification table)");
  }
}

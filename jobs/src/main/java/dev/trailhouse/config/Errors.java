package dev.trailhouse.config;

import dev.trailhouse.config.TrailhouseException.Kind;
import java.util.Collection;
import java.util.List;

/** The one place user-facing errors are made. Each says what, why, and the fix. */
public final class Errors {
  private Errors() {}

  public static TrailhouseException usage(String message) {
    return new TrailhouseException(Kind.USAGE, message, null);
  }

  public static TrailhouseException run(String message, Throwable cause) {
    return new TrailhouseException(Kind.RUN, message, cause);
  }

  public static TrailhouseException unknownKey(
      String key, String origin, Collection<String> known) {
    return usage(
        String.format(
            "Unknown configuration key '%s' in %s. Known keys: %s (and any spark.* key). "
                + "Fix the spelling or remove it.",
            key, origin, String.join(", ", known)));
  }

  public static TrailhouseException badValue(String key, Object value, String expected) {
    return usage(
        String.format(
            "Configuration key '%s' has value '%s', but %s. Set it in the --conf file or with --set %s=...",
            key, value, expected, key));
  }

  public static TrailhouseException missingKey(String key, String what) {
    return usage(
        String.format(
            "Configuration key '%s' is not set: it is %s. Set it in the --conf file or with --set %s=...",
            key, what, key));
  }

  public static TrailhouseException unknownOption(String command, String option) {
    return usage(
        String.format(
            "Unknown option '%s' for 'trailhouse %s'. Run 'trailhouse %s --help' for the options.",
            option, command, command));
  }

  public static TrailhouseException missingOption(String command, String option, String example) {
    return usage(
        String.format(
            "'trailhouse %s' needs %s, e.g. %s. Run 'trailhouse %s --help' for the options.",
            command, option, example, command));
  }

  public static TrailhouseException badDate(String option, String value) {
    return usage(
        String.format(
            "%s '%s' is not a date: write it as YYYY-MM-DD, e.g. %s 2025-03-24.",
            option, value, option));
  }

  public static TrailhouseException badRange(String from, String to) {
    return usage(
        String.format(
            "--from %s is after --to %s: give the first day first (--from %s --to %s).",
            from, to, to, from));
  }

  public static TrailhouseException badSet(String value) {
    return usage(
        String.format("--set '%s' is not key=value: write e.g. --set lateness_days=2.", value));
  }

  public static TrailhouseException unreadableConfig(String uri, Throwable cause) {
    return new TrailhouseException(
        Kind.USAGE,
        String.format(
            "Cannot read the configuration file '%s' (%s). Check the path given to --conf.",
            uri, cause.getMessage()),
        cause);
  }

  public static TrailhouseException unknownCommand(String name) {
    return usage(
        String.format(
            "Unknown command '%s'. Commands: ingest, report, verify, maintain, sql, bench, generate. "
                + "Run 'trailhouse --help'.",
            name));
  }

  public static TrailhouseException inputNotFound(String input, Throwable cause) {
    return new TrailhouseException(
        Kind.RUN,
        String.format(
            "The trail prefix '%s' cannot be listed (%s). Check 'input' (the prefix that holds AWSLogs/), "
                + "the S3 endpoint and credentials (default AWS credential chain).",
            input, cause == null ? "no AWSLogs/ folder under it" : cause.getMessage()),
        cause);
  }

  public static TrailhouseException tableMissing(String table, String path, String producer) {
    return new TrailhouseException(
        Kind.RUN,
        String.format(
            "The %s table does not exist at '%s'. Run 'trailhouse %s' first, or check 'warehouse'.",
            table, path, producer),
        null);
  }

  public static TrailhouseException unbalanced(String details) {
    return new TrailhouseException(
        Kind.RUN,
        "The run's counts do not reconcile (read != written + duplicates + rejected + filtered): "
            + details
            + ". The tables are consistent (writes are exactly-once) but this run is marked failed; "
            + "re-run with --reprocess and report the ingest_runs row.",
        null);
  }

  /** The events table at {@code path} is not one Trailhouse's writer can append to. */
  public static TrailhouseException incompatibleTable(String path, String why) {
    return new TrailhouseException(
        Kind.USAGE,
        "The events table at "
            + path
            + " "
            + why
            + ". Trailhouse writes its data files itself and appends only to "
            + "a table with the events column contract (README: The events table), partitioned by event_date, without "
            + "column mapping or CHECK constraints. Point warehouse at a new folder, or restore the table's definition.",
        null);
  }

  /**
   * The Delta on the classpath ({@code found}, null when there is none) is not one Trailhouse was
   * built and tested against; {@code supported} lists those, each with the EMR releases that ship
   * it.
   */
  public static TrailhouseException unsupportedDelta(String found, String supported) {
    return usage(
        String.format(
            "%s, but this Trailhouse build supports only Delta %s. On EMR, run a release that ships a "
                + "supported Delta and enable it with the delta-defaults classification (delta.enabled=true, see "
                + "conf/emr/configurations.json); elsewhere give spark-submit a supported Delta's "
                + "delta-spark_2.12 and delta-storage jars with --jars.",
            found == null
                ? "No Delta is on the classpath"
                : "Delta " + found + " is on the classpath",
            supported));
  }

  /**
   * The {@code table} table at {@code path} enables Delta table features that Trailhouse's own file
   * writer does not honour.
   */
  public static TrailhouseException unsupportedTableFeatures(
      String table, String path, List<String> features, List<String> supported) {
    return usage(
        String.format(
            "The %s table at %s uses the Delta table feature(s) %s, which Trailhouse's own data-file writer does "
                + "not support (it supports %s). Point warehouse at a new folder, or remove each of them with "
                + "ALTER TABLE delta.`%s` DROP FEATURE <feature> (where Delta can drop it).",
            table, path, String.join(", ", features), String.join(", ", supported), path));
  }

  /**
   * The {@code path} table's columns cannot be brought to its contract's in place: {@code why} says
   * which column was removed or retyped.
   */
  public static TrailhouseException contractMismatch(String path, String why) {
    return usage(
        String.format(
            "The table at %s %s. Trailhouse adds the nullable columns a newer contract brings to a table in place, "
                + "but never removes or retypes one. Run the Trailhouse version that wrote the table, or point "
                + "warehouse at a new folder and ingest again.",
            path, why));
  }

  /** S3 at {@code endpoint} did not answer within the budget; names the keys that set it. */
  public static TrailhouseException s3Unresponsive(String endpoint, S3Budget b, Throwable cause) {
    return new TrailhouseException(
        Kind.RUN,
        String.format(
            "S3 at %s did not answer: a request timed out after %d tries (s3.connect_timeout_seconds=%d, "
                + "s3.request_timeout_seconds=%d, s3.retries=%d; at most about %.0f s a request). Check s3.endpoint "
                + "(and s3.region) and the network to it; if the endpoint is only slow, raise "
                + "s3.request_timeout_seconds or s3.retries. (%s)",
            endpoint,
            b.tries(),
            b.connectSeconds(),
            b.requestSeconds(),
            b.retries(),
            b.worstCaseSeconds(),
            cause.getMessage()),
        cause);
  }

  /**
   * A detection rule that cannot run: its file, its id and why. Checked when the report starts,
   * before any day is written.
   */
  public static TrailhouseException badRule(String ruleId, String origin, String why) {
    return usage(
        String.format(
            "Detection rule '%s' in %s does not compile: %s. Fix the rule (see docs/findings.md), or leave it out "
                + "with --set %s=%s.",
            ruleId, origin, why, ConfigKey.FINDINGS_DISABLED_RULES.key(), ruleId));
  }

  /** A rule file that is not a readable rule pack at all (not YAML, no rules list). */
  public static TrailhouseException badRuleFile(String origin, String why) {
    return usage(
        String.format(
            "The detection rule file %s cannot be used: %s. Check %s (see docs/findings.md).",
            origin, why, ConfigKey.FINDINGS_RULES_FILE.key()));
  }
}

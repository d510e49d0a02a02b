package dev.trailhouse.config;

import dev.trailhouse.config.TrailhouseException.Kind;
import java.util.Collection;

/** The one place user-facing errors are made. Each says what, why, and the fix. */
public final class Errors {
  private Errors() {}

  public static TrailhouseException usage(String message) {
    return new TrailhouseException(Kind.USAGE, message, null);
  }

  public static TrailhouseException run(String message, Throwable cause) {
    return new TrailhouseException(Kind.RUN, message, cause);
  }

  public static TrailhouseException unknownKey(String key, String origin, Collection<String> known) {
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
            "%s '%s' is not a date: write it as YYYY-MM-DD, e.g. %s 2025-03-24.", option, value, option));
  }

  public static TrailhouseException badRange(String from, String to) {
    return usage(
        String.format(
            "--from %s is after --to %s: give the first day first (--from %s --to %s).", from, to, to, from));
  }

  public static TrailhouseException badSet(String value) {
    return usage(
        String.format(
            "--set '%s' is not key=value: write e.g. --set lateness_days=2.", value));
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
        "The events table at " + path + " " + why + ". Trailhouse writes its data files itself and appends only to "
            + "a table with the events column contract (README: The events table), partitioned by event_date, without "
            + "column mapping or CHECK constraints. Point warehouse at a new folder, or restore the table's definition.",
        null);
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

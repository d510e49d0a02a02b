package dev.trailhouse.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trailhouse.TestSpark;
import dev.trailhouse.cli.Main;
import dev.trailhouse.config.ConfigLoader;
import dev.trailhouse.config.TrailhouseException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules that cannot run stop the report at start, with exit 2 and a message naming the rule. */
class RuleCheckTest {
  private final SparkSession spark = TestSpark.session();
  @TempDir Path dir;

  static String pack(String id, String kindAndLogic) {
    return "rules:\n  - id: "
        + id
        + "\n    title: T\n    severity: high\n    description: D\n"
        + kindAndLogic;
  }

  private String failure(String yaml) {
    TrailhouseException e =
        assertThrows(
            TrailhouseException.class, () -> RuleCheck.check(spark, RuleFile.parse(yaml, "test")));
    assertEquals(2, e.kind().exitCode());
    return e.getMessage();
  }

  static String expected(String id, String why) {
    return "Detection rule '"
        + id
        + "' in test does not compile: "
        + why
        + ". Fix the rule (see docs/findings.md), or leave it out "
        + "with --set findings.disabled_rules="
        + id
        + ".";
  }

  @Test
  void builtInRulesCompile() {
    RuleCheck.check(spark, RuleSet.builtIn());
    assertEquals(9, RuleSet.builtIn().size());
  }

  @Test
  void expressionsAreCheckedAgainstTheEventsSchema() {
    String typo =
        failure(pack("typo", "    kind: match\n    where: event_nam = 'DeleteInstance'\n"));
    assertTrue(
        typo.startsWith(
            "Detection rule 'typo' in test does not compile: where does not resolve against the events columns ("
                + "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column or function parameter with name `event_nam` cannot be resolved."),
        typo);
    assertEquals(
        expected("text", "where must be true or false for an event, but it is string"),
        failure(pack("text", "    kind: match\n    where: event_name\n")));
    assertEquals(
        expected(
            "java",
            "where calls reflect(), which rules may not use (allowed: "
                + String.join(", ", new java.util.TreeSet<>(RuleCheck.FUNCTIONS))
                + ")"),
        failure(
            pack(
                "java",
                "    kind: match\n    where: reflect('java.lang.System', 'exit', '0') = ''\n")));
    assertEquals(
        expected(
            "clock",
            "where calls current_date(), which rules may not use (allowed: "
                + String.join(", ", new java.util.TreeSet<>(RuleCheck.FUNCTIONS))
                + ")"),
        failure(
            pack("clock", "    kind: match\n    where: to_date(event_time) = current_date()\n")));
    assertEquals(
        expected("sub", "where may not hold a subquery: it is evaluated on one event at a time"),
        failure(
            pack(
                "sub", "    kind: match\n    where: event_id IN (SELECT event_id FROM events)\n")));
    String syntax = failure(pack("syntax", "    kind: match\n    where: event_name = \n"));
    assertTrue(
        syntax.startsWith(
            "Detection rule 'syntax' in test does not compile: where is not a Spark SQL expression ("),
        syntax);
    assertEquals(
        expected(
            "flag", "value 'read_only' is not a text column of events (e.g. source_ip_address)"),
        failure(
            pack(
                "flag",
                "    kind: new_value\n    value: read_only\n    where: event_name = 'GetFederationToken'\n")));
    // A map lookup and a lambda over resources compile.
    RuleCheck.check(
        spark,
        RuleFile.parse(
            pack(
                "ok",
                "    kind: match\n    where: request_parameters['Value'] = 'false' "
                    + "OR exists(resources, r -> r.type = 'AWS::Connect::Instance')\n"),
            "test"));
  }

  @Test
  void theShapeOfARuleIsChecked() {
    assertEquals(
        expected("sev", "severity 'urgent' is not one of critical, high, medium, low, info"),
        assertThrows(
                TrailhouseException.class,
                () ->
                    RuleFile.parse(
                        "rules:\n  - id: sev\n    title: T\n    severity: urgent\n    description: D\n    kind: match\n    where: true\n",
                        "test"))
            .getMessage());
    assertEquals(
        expected("burst", "a threshold rule needs min_count, a whole number of at least 1"),
        assertThrows(
                TrailhouseException.class,
                () ->
                    RuleFile.parse(pack("burst", "    kind: threshold\n    where: true\n"), "test"))
            .getMessage());
    assertEquals(
        expected(
            "extra",
            "unknown field 'severty' (fields: attack, description, id, kind, min_count, severity, title, value, where)"),
        assertThrows(
                TrailhouseException.class,
                () ->
                    RuleFile.parse(
                        pack("extra", "    kind: match\n    where: true\n    severty: x\n"),
                        "test"))
            .getMessage());
    assertEquals(
        "The detection rule file test cannot be used: it must be a mapping with one key, rules, holding a list of rules. "
            + "Check findings.rules_file (see docs/findings.md).",
        assertThrows(TrailhouseException.class, () -> RuleFile.parse("- id: x\n", "test"))
            .getMessage());
    List<Rule> twice = new java.util.ArrayList<>(RuleSet.builtIn());
    twice.addAll(
        RuleFile.parse(pack("root-activity", "    kind: match\n    where: true\n"), "test"));
    assertEquals(
        expected(
            "root-activity",
            "the id is already used by a rule in the built-in rules ("
                + RuleSet.BUILT_IN
                + "); give it another id"),
        assertThrows(TrailhouseException.class, () -> RuleSet.select(twice, List.of(), Map.of()))
            .getMessage());
    assertEquals(
        "Configuration key 'findings.thresholds' has value 'root-activity=3', but no threshold rule that runs has that id. "
            + "Set it in the --conf file or with --set findings.thresholds=...",
        assertThrows(
                TrailhouseException.class,
                () -> RuleSet.select(RuleSet.builtIn(), List.of(), Map.of("root-activity", 3)))
            .getMessage());
    assertEquals(
        "Configuration key 'findings.thresholds' has value 'access-denied-burst=0', but each item must be rule-id=N with N a "
            + "whole number of at least 1. Set it in the --conf file or with --set findings.thresholds=...",
        assertThrows(
                TrailhouseException.class,
                () ->
                    ConfigLoader.load(
                        null,
                        List.of(
                            "input=t", "warehouse=w", "findings.thresholds=access-denied-burst=0")))
            .getMessage());
    assertTrue(
        assertThrows(
                TrailhouseException.class,
                () -> RuleSet.select(RuleSet.builtIn(), List.of("no-such-rule"), Map.of()))
            .getMessage()
            .startsWith(
                "Configuration key 'findings.disabled_rules' has value 'no-such-rule', but no rule has that id (rules: "
                    + "connect-storage-config-changed, "));
  }

  /**
   * The command line: a user rule that does not compile stops `trailhouse report` with exit 2,
   * before any table is read.
   */
  @Test
  void aBrokenUserRuleExitsTwoNamingIt() throws Exception {
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(
        rules,
        pack(
            "my-broken-rule",
            "    kind: match\n    where: event_name = 'DeleteUser' AND eror_code IS NULL\n"));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code =
          Main.run(
              new String[] {
                "report",
                "--date",
                "2025-04-02",
                "--set",
                "input=" + dir,
                "--set",
                "warehouse=" + dir.resolve("w"),
                "--set",
                "reports=" + dir.resolve("r"),
                "--set",
                "findings.rules_file=" + rules
              });
    } finally {
      System.setErr(old);
    }
    String message = err.toString(StandardCharsets.UTF_8);
    assertEquals(2, code, message);
    assertTrue(
        message.startsWith(
            "trailhouse: Detection rule 'my-broken-rule' in 'file:"
                + rules
                + "' (findings.rules_file) does not "
                + "compile: where does not resolve against the events columns ([UNRESOLVED_COLUMN.WITH_SUGGESTION] A column or function "
                + "parameter with name `eror_code` cannot be resolved."),
        message);
    assertTrue(!Files.exists(dir.resolve("w")), "nothing written");
  }
}

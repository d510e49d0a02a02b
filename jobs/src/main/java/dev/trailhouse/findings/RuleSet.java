package dev.trailhouse.findings;

import dev.trailhouse.config.Config;
import dev.trailhouse.config.ConfigKey;
import dev.trailhouse.config.Errors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The rules a report runs: the built-in pack shipped in the jar, then the user's file
 * (findings.rules_file), less findings.disabled_rules, with findings.thresholds applied, every one
 * checked by {@link RuleCheck}.
 */
public final class RuleSet {
  /** The built-in pack, a resource of the jar. */
  public static final String BUILT_IN = "dev/trailhouse/findings/connect-rules.yaml";

  private RuleSet() {}

  /** The built-in rules, parsed (not yet checked against events). */
  public static List<Rule> builtIn() {
    try (InputStream in = RuleSet.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new IllegalStateException("the jar has no " + BUILT_IN);
      }
      return RuleFile.parse(
          new String(in.readAllBytes(), StandardCharsets.UTF_8),
          "the built-in rules (" + BUILT_IN + ")");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The rules of a run, checked; a rule that does not compile throws (exit 2, naming it). */
  public static List<Rule> load(SparkSession spark, Config config) {
    List<Rule> all = new ArrayList<>(builtIn());
    if (config.findingsRulesFile() != null) {
      String file = config.findingsRulesFile();
      all.addAll(
          RuleFile.parse(
              read(spark, file), "'" + file + "' (" + ConfigKey.FINDINGS_RULES_FILE.key() + ")"));
    }
    List<Rule> rules = select(all, config.findingsDisabledRules(), config.findingsThresholds());
    RuleCheck.check(spark, rules);
    return rules;
  }

  /**
   * Ids unique; disabled rules left out; thresholds applied. Each id named in the configuration
   * must exist.
   */
  static List<Rule> select(List<Rule> all, List<String> disabled, Map<String, Integer> thresholds) {
    Map<String, Rule> byId = new LinkedHashMap<>();
    for (Rule r : all) {
      Rule before = byId.putIfAbsent(r.id(), r);
      if (before != null) {
        throw Errors.badRule(
            r.id(),
            r.origin(),
            "the id is already used by a rule in " + before.origin() + "; give it another id");
      }
    }
    for (String id : disabled) {
      if (byId.remove(id) == null) {
        throw Errors.badValue(
            ConfigKey.FINDINGS_DISABLED_RULES.key(),
            id,
            "no rule has that id (rules: " + String.join(", ", ids(all)) + ")");
      }
    }
    for (Map.Entry<String, Integer> t : thresholds.entrySet()) {
      Rule r = byId.get(t.getKey());
      if (r == null || r.kind() != Rule.Kind.THRESHOLD) {
        throw Errors.badValue(
            ConfigKey.FINDINGS_THRESHOLDS.key(),
            t.getKey() + "=" + t.getValue(),
            "no threshold rule that runs has that id");
      }
      byId.put(r.id(), r.withMinCount(t.getValue()));
    }
    return List.copyOf(byId.values());
  }

  private static List<String> ids(List<Rule> rules) {
    return rules.stream().map(Rule::id).toList();
  }

  private static String read(SparkSession spark, String file) {
    Path p = new Path(file);
    try {
      FileSystem fs = p.getFileSystem(spark.sessionState().newHadoopConf());
      try (InputStream in = fs.open(p)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw Errors.badRuleFile("'" + file + "'", "it cannot be read (" + e.getMessage() + ")");
    }
  }
}

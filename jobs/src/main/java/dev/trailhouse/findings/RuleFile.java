package dev.trailhouse.findings;

import dev.trailhouse.config.Errors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads a rule pack: YAML, {@code rules:} a list of rules, each with id, title, severity,
 * description, kind and where (attack optional; min_count for threshold rules, value for new_value
 * rules). The shape is checked here; the expressions by {@link RuleCheck}. Pure: no Spark.
 */
public final class RuleFile {
  static final Set<String> FIELDS =
      Set.of(
          "id",
          "title",
          "severity",
          "attack",
          "description",
          "kind",
          "where",
          "min_count",
          "value");
  static final String ID = "[a-z0-9]+(-[a-z0-9]+)*";

  private RuleFile() {}

  /** The rules of a pack's text; {@code origin} names it in messages. */
  public static List<Rule> parse(String text, String origin) {
    Object doc;
    try {
      doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (RuntimeException e) {
      throw Errors.badRuleFile(origin, "it is not valid YAML (" + firstLine(e.getMessage()) + ")");
    }
    if (!(doc instanceof Map<?, ?> top)
        || !(top.get("rules") instanceof List<?> items)
        || top.size() != 1) {
      throw Errors.badRuleFile(
          origin, "it must be a mapping with one key, rules, holding a list of rules");
    }
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      if (!(items.get(i) instanceof Map<?, ?> m)) {
        throw Errors.badRuleFile(
            origin, "rule " + (i + 1) + " of the list is not a mapping of field: value");
      }
      rules.add(rule(m, i, origin));
    }
    return rules;
  }

  private static Rule rule(Map<?, ?> m, int index, String origin) {
    Object rawId = m.get("id");
    if (!(rawId instanceof String id) || !id.matches(ID)) {
      throw Errors.badRuleFile(
          origin,
          "rule " + (index + 1) + " of the list has no id in kebab-case (e.g. my-rule-name)");
    }
    for (Object key : m.keySet()) {
      if (!FIELDS.contains(String.valueOf(key))) {
        throw Errors.badRule(
            id,
            origin,
            "unknown field '"
                + key
                + "' (fields: "
                + String.join(", ", new java.util.TreeSet<>(FIELDS))
                + ")");
      }
    }
    String title = text(m, "title", id, origin, true);
    String severityName = text(m, "severity", id, origin, true);
    Severity severity = Severity.of(severityName);
    if (severity == null) {
      throw Errors.badRule(
          id,
          origin,
          "severity '" + severityName + "' is not one of critical, high, medium, low, info");
    }
    String kindName = text(m, "kind", id, origin, true);
    Rule.Kind kind = Rule.Kind.of(kindName);
    if (kind == null) {
      throw Errors.badRule(
          id, origin, "kind '" + kindName + "' is not one of match, threshold, new_value");
    }
    int minCount = 0;
    if (kind == Rule.Kind.THRESHOLD) {
      if (!(m.get("min_count") instanceof Integer n) || n < 1) {
        throw Errors.badRule(
            id, origin, "a threshold rule needs min_count, a whole number of at least 1");
      }
      minCount = n;
    } else if (m.containsKey("min_count")) {
      throw Errors.badRule(id, origin, "min_count is for threshold rules only");
    }
    String value = null;
    if (kind == Rule.Kind.NEW_VALUE) {
      value = text(m, "value", id, origin, true);
    } else if (m.containsKey("value")) {
      throw Errors.badRule(id, origin, "value is for new_value rules only");
    }
    return new Rule(
        id,
        title,
        severity,
        text(m, "attack", id, origin, false),
        text(m, "description", id, origin, true),
        kind,
        text(m, "where", id, origin, true),
        minCount,
        value,
        origin);
  }

  private static String text(
      Map<?, ?> m, String field, String id, String origin, boolean required) {
    Object v = m.get(field);
    if (v == null && !required) {
      return null;
    }
    // YAML reads a bare true or 42 as a boolean or number: as text it is what the user wrote.
    String s =
        v instanceof String || v instanceof Boolean || v instanceof Number ? String.valueOf(v) : "";
    if (s.isBlank()) {
      throw Errors.badRule(id, origin, "field '" + field + "' must be non-empty text");
    }
    return s.strip();
  }

  static String firstLine(String s) {
    if (s == null) {
      return "no detail";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }
}

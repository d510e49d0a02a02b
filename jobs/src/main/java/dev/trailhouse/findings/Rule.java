package dev.trailhouse.findings;

/**
 * One detection rule, as its file declares it. Its logic is a Spark SQL boolean expression over the
 * columns of {@code events} ({@code where}), checked before any day runs, plus what it does with
 * the day's events that match:
 *
 * <ul>
 *   <li>{@link Kind#MATCH}: every match gives a finding, one per actor and Connect instance;
 *   <li>{@link Kind#THRESHOLD}: one per actor with at least {@code minCount} matches that day;
 *   <li>{@link Kind#NEW_VALUE}: matches whose {@code valueColumn} this actor did not use in any
 *       call of the baseline days before; an actor with no call in the baseline is not judged (no
 *       history).
 * </ul>
 *
 * @param origin where the rule comes from (the built-in pack or the user's file), for messages
 */
public record Rule(
    String id,
    String title,
    Severity severity,
    String attack,
    String description,
    Kind kind,
    String where,
    int minCount,
    String valueColumn,
    String origin) {

  /** What a rule does with the events its expression matches. */
  public enum Kind {
    MATCH("match"),
    THRESHOLD("threshold"),
    NEW_VALUE("new_value");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    static Kind of(String label) {
      for (Kind k : values()) {
        if (k.label.equals(label)) {
          return k;
        }
      }
      return null;
    }
  }

  /** The same rule with another count (findings.thresholds). */
  Rule withMinCount(int n) {
    return new Rule(id, title, severity, attack, description, kind, where, n, valueColumn, origin);
  }
}

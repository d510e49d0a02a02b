package dev.trailhouse.findings;

import java.util.Locale;

/** How urgently a finding needs a human, most severe first. */
public enum Severity {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW,
  INFO;

  /** The name as rules and the findings table write it: lower case. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The severity a rule names, or null when the name is not one. */
  static Severity of(String label) {
    for (Severity s : values()) {
      if (s.label().equals(label)) {
        return s;
      }
    }
    return null;
  }
}

package dev.trailhouse.ingest;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Wall time of an ingest run's steps, in the order they ran: each {@link #lap} charges the time
 * since the previous lap to its step. Logged at the end of a run ({@link #line}), and read by
 * {@code trailhouse bench --cold} to show where a cold process's fixed cost goes.
 */
public final class PhaseTimes {
  /** The prefix of the logged line. */
  public static final String PREFIX = "Ingest timings (s):";

  private final Map<String, Long> nanos = new LinkedHashMap<>();
  private long mark = System.nanoTime();

  /** Charges the time since the last lap (or since creation) to {@code step}. */
  public void lap(String step) {
    long now = System.nanoTime();
    nanos.merge(step, now - mark, Long::sum);
    mark = now;
  }

  public Map<String, Double> seconds() {
    Map<String, Double> out = new LinkedHashMap<>();
    nanos.forEach((k, v) -> out.put(k, v / 1e9));
    return out;
  }

  /** {@code Ingest timings (s): list=0.12 manifest-lookup=0.40 ...}. */
  public String line() {
    StringBuilder b = new StringBuilder(PREFIX);
    nanos.forEach((k, v) -> b.append(String.format(Locale.ROOT, " %s=%.2f", k, v / 1e9)));
    return b.toString();
  }

  /** The steps and seconds of a {@link #line}, wherever it is in {@code text}; empty if absent. */
  public static Map<String, Double> parse(String text) {
    Map<String, Double> out = new LinkedHashMap<>();
    int at = text.lastIndexOf(PREFIX);
    if (at < 0) {
      return out;
    }
    int end = text.indexOf('\n', at);
    String line = text.substring(at + PREFIX.length(), end < 0 ? text.length() : end).trim();
    for (String pair : line.split(" ")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(pair.substring(0, eq), Double.parseDouble(pair.substring(eq + 1)));
      }
    }
    return out;
  }
}

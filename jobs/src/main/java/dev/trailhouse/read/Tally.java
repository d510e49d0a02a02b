package dev.trailhouse.read;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Counts of keys by kind, naming the first few keys (in key order) of each kind: what a listing
 * left out, or what it read although it was not in CloudTrail's standard form. Thread-safe.
 */
public final class Tally {
  /** Keys named per kind. */
  public static final int SAMPLES = 3;

  private final Map<String, Long> counts = new TreeMap<>();
  private final Map<String, TreeSet<String>> samples = new TreeMap<>();

  /** Counts {@code key} under {@code kind}. */
  public synchronized void add(String kind, String key) {
    counts.merge(kind, 1L, Long::sum);
    TreeSet<String> s = samples.computeIfAbsent(kind, k -> new TreeSet<>());
    s.add(key);
    if (s.size() > SAMPLES) {
      s.pollLast();
    }
  }

  public synchronized long count(String kind) {
    return counts.getOrDefault(kind, 0L);
  }

  public synchronized long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  public synchronized boolean isEmpty() {
    return counts.isEmpty();
  }

  /**
   * {@code {"kind":{"count":n,"keys":["k1",...]},...}}, kinds in name order; {@code {}} when empty.
   */
  public synchronized String json() {
    StringBuilder b = new StringBuilder("{");
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      if (b.length() > 1) {
        b.append(',');
      }
      quote(b, e.getKey()).append(":{\"count\":").append(e.getValue()).append(",\"keys\":[");
      int i = 0;
      for (String k : samples.get(e.getKey())) {
        if (i++ > 0) {
          b.append(',');
        }
        quote(b, k);
      }
      b.append("]}");
    }
    return b.append('}').toString();
  }

  private static StringBuilder quote(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"');
  }
}

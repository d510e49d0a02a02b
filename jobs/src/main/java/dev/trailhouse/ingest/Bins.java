package dev.trailhouse.ingest;

import dev.trailhouse.ledger.LogFile;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How a run's files are cut into read tasks. Files are ordered by account, region and delivery time
 * (the stamp in the name), so that the copies CloudTrail re-delivers a few minutes later, and the
 * same file seen by an account trail and an organization trail, mostly fall in one task and are
 * de-duplicated there; each task is a contiguous run of that order, about the same size. A task
 * also reads the last files of the task before it ("look-behind") only to learn which events that
 * task writes, so that a duplicate split across the boundary is dropped without a second pass.
 */
public final class Bins {
  /**
   * A task also reads the previous task's last files of the same account and region delivered up to
   * this many minutes before its own first file (at most {@link #LOOK_BEHIND_FILES} files).
   */
  public static final int LOOK_BEHIND_MINUTES = 15;

  public static final int LOOK_BEHIND_FILES = 16;

  /** One read task: its files and the previous task's last files. */
  public record Bin(int index, List<LogFile> files, List<LogFile> lookBehind)
      implements Serializable {}

  private Bins() {}

  /** Cuts {@code files} into at most {@code tasks} bins of about equal compressed size. */
  public static List<Bin> of(List<LogFile> files, int tasks) {
    List<LogFile> sorted = new ArrayList<>(files);
    sorted.sort(ORDER);
    long total = 0;
    for (LogFile f : sorted) {
      total += Math.max(1, f.size());
    }
    int n = Math.max(1, Math.min(tasks, sorted.size()));
    List<List<LogFile>> cuts = new ArrayList<>();
    List<LogFile> current = new ArrayList<>();
    long seen = 0;
    for (int i = 0; i < sorted.size(); i++) {
      LogFile f = sorted.get(i);
      current.add(f);
      seen += Math.max(1, f.size());
      int left = sorted.size() - i - 1;
      int binsLeft = n - cuts.size() - 1;
      boolean full = seen * n >= total * (cuts.size() + 1);
      if (binsLeft > 0 && left > 0 && (full || left == binsLeft)) {
        cuts.add(current);
        current = new ArrayList<>();
      }
    }
    if (!current.isEmpty()) {
      cuts.add(current);
    }
    List<Bin> bins = new ArrayList<>(cuts.size());
    for (int i = 0; i < cuts.size(); i++) {
      List<LogFile> before = i == 0 ? List.of() : cuts.get(i - 1);
      bins.add(new Bin(i, List.copyOf(cuts.get(i)), lookBehind(before, cuts.get(i).get(0))));
    }
    return bins;
  }

  /**
   * The files at the end of {@code before} delivered shortly before {@code first}, in the same
   * stream.
   */
  static List<LogFile> lookBehind(List<LogFile> before, LogFile first) {
    long start = minutes(stamp(first.uri()));
    List<LogFile> out = new ArrayList<>();
    for (int k = before.size() - 1; k >= 0 && out.size() < LOOK_BEHIND_FILES; k--) {
      LogFile f = before.get(k);
      long m = minutes(stamp(f.uri()));
      boolean sameStream =
          java.util.Objects.equals(f.accountId(), first.accountId())
              && java.util.Objects.equals(f.region(), first.region());
      if (!sameStream || start < 0 || m < 0 || start - m > LOOK_BEHIND_MINUTES) {
        break;
      }
      out.add(0, f);
    }
    return List.copyOf(out);
  }

  /** Minutes since the epoch of a delivery stamp, or -1. */
  static long minutes(String stamp) {
    if (stamp.isEmpty()) {
      return -1;
    }
    try {
      java.time.LocalDateTime t = java.time.LocalDateTime.parse(stamp, STAMP);
      return t.toEpochSecond(java.time.ZoneOffset.UTC) / 60;
    } catch (java.time.format.DateTimeParseException e) {
      return -1;
    }
  }

  /** A file name's delivery stamp, e.g. 20250324T0005Z. */
  private static final java.time.format.DateTimeFormatter STAMP =
      java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'");

  static final Comparator<LogFile> ORDER =
      Comparator.comparing(LogFile::accountId, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(LogFile::region, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(f -> stamp(f.uri()))
          .thenComparing(LogFile::uri);

  /** The delivery stamp in a log file's name ({@code 20250324T1005Z}), or "" when it has none. */
  static String stamp(String uri) {
    String name = uri.substring(uri.lastIndexOf('/') + 1);
    String[] parts = name.split("_");
    for (String p : parts) {
      if (p.length() == 14 && p.charAt(8) == 'T' && p.charAt(13) == 'Z') {
        return p;
      }
    }
    return "";
  }
}

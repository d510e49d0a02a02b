package dev.trailhouse.ingest;

import dev.trailhouse.read.LogFile;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How a run's files are cut into read tasks. Files are ordered by account, region and delivery
 * time (the stamp in the name), so that the copies CloudTrail re-delivers a few minutes later, and
 * the same file seen by an account trail and an organization trail, mostly fall in one task and are
 * de-duplicated there; each task is a contiguous run of that order, about the same size. A task
 * also reads the last files of the task before it ("look-behind") only to learn which events that
 * task writes, so that a duplicate split across the boundary is dropped without a second pass.
 */
public final class Bins {
  /** Files of the previous task each task also reads for their event ids. */
  public static final int LOOK_BEHIND = 2;

  /** One read task: its files and the previous task's last files. */
  public record Bin(int index, List<LogFile> files, List<LogFile> lookBehind) implements Serializable {}

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
      List<LogFile> look = List.copyOf(before.subList(Math.max(0, before.size() - LOOK_BEHIND), before.size()));
      bins.add(new Bin(i, List.copyOf(cuts.get(i)), look));
    }
    return bins;
  }

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

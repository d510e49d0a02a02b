package dev.trailhouse.verify;

import dev.trailhouse.read.TrailLayout;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks what digests say against what was ingested, per delivery day, account and region. Pure:
 * the caller brings the digests, the manifest and the hashes of the objects as stored now.
 */
public final class Verifier {
  /** The findings for one day, account and region. */
  public record Result(
      LocalDate day,
      String accountId,
      String region,
      long filesExpected,
      long filesIngested,
      List<String> missing,
      List<String> hashMismatches,
      List<String> digestGaps,
      List<String> unlisted,
      long digestsRead,
      long signaturesChecked,
      List<String> signaturesFailed) {

    public boolean complete() {
      return missing.isEmpty()
          && hashMismatches.isEmpty()
          && digestGaps.isEmpty()
          && unlisted.isEmpty()
          && signaturesFailed.isEmpty();
    }

    public String verdict() {
      if (complete()) {
        return "complete and unaltered";
      }
      List<String> parts = new ArrayList<>();
      if (!missing.isEmpty()) {
        parts.add(missing.size() + " log files missing");
      }
      if (!hashMismatches.isEmpty()) {
        parts.add(hashMismatches.size() + " log files altered");
      }
      if (!digestGaps.isEmpty()) {
        parts.add(digestGaps.size() + " digest files missing");
      }
      if (!signaturesFailed.isEmpty()) {
        parts.add(signaturesFailed.size() + " digest signatures invalid");
      }
      if (!unlisted.isEmpty()) {
        parts.add(unlisted.size() + " ingested files in no digest");
      }
      return String.join(", ", parts);
    }
  }

  private Verifier() {}

  /**
   * @param digests the digests listed (the asked days, one day before and one after)
   * @param ingested relative key -> manifest path, for files ingested in the asked delivery days
   * @param hashes manifest path -> SHA-256 of the object as stored now (only for files a digest
   *     names)
   * @param badSignatures digest keys whose signature did not verify
   */
  public static List<Result> verify(
      List<Digest> digests,
      Map<String, String> ingested,
      Map<String, String> hashes,
      LocalDate from,
      LocalDate to,
      Set<String> badSignatures,
      long signaturesChecked) {
    Map<String, Acc> byDay = new TreeMap<>();
    Set<String> named = new HashSet<>();
    Set<String> digestKeys = new HashSet<>();
    for (Digest d : digests) {
      digestKeys.add(d.key());
    }
    for (Digest d : digests) {
      for (Digest.LogRef f : d.logFiles()) {
        named.add(f.key());
        Optional<TrailLayout.Location> loc = TrailLayout.locate(f.key());
        if (loc.isEmpty() || !inRange(loc.get().deliveryDate(), from, to)) {
          continue;
        }
        Acc a = acc(byDay, loc.get());
        a.expected++;
        String path = ingested.get(f.key());
        if (path == null) {
          a.missing.add(f.key());
          continue;
        }
        a.ingested++;
        if (!f.sha256().equals(hashes.get(path))) {
          a.mismatches.add(f.key());
        }
      }
      Optional<TrailLayout.Location> dloc = TrailLayout.locateDigest(d.key());
      if (dloc.isPresent() && inRange(dloc.get().deliveryDate(), from, to)) {
        Acc a = acc(byDay, dloc.get());
        a.digests++;
        if (badSignatures.contains(d.key())) {
          a.badSignatures.add(d.key());
        }
      }
      // A previous digest that is not there: deleted (only judged when it falls in the listed
      // days).
      if (d.previousKey() != null && !digestKeys.contains(d.previousKey())) {
        Optional<TrailLayout.Location> ploc = TrailLayout.locateDigest(d.previousKey());
        if (ploc.isPresent() && inRange(ploc.get().deliveryDate(), from, to)) {
          acc(byDay, ploc.get()).gaps.add(d.previousKey());
        }
      }
    }
    for (Map.Entry<String, String> e : ingested.entrySet()) {
      Optional<TrailLayout.Location> loc = TrailLayout.locate(e.getKey());
      if (loc.isPresent()
          && inRange(loc.get().deliveryDate(), from, to)
          && !named.contains(e.getKey())) {
        acc(byDay, loc.get()).unlisted.add(e.getKey());
      }
    }
    List<Result> out = new ArrayList<>();
    for (Acc a : byDay.values()) {
      out.add(
          new Result(
              a.day,
              a.account,
              a.region,
              a.expected,
              a.ingested,
              sorted(a.missing),
              sorted(a.mismatches),
              sorted(a.gaps),
              sorted(a.unlisted),
              a.digests,
              a.digests > 0 ? Math.min(a.digests, signaturesChecked) : 0,
              sorted(a.badSignatures)));
    }
    return out;
  }

  private static boolean inRange(LocalDate d, LocalDate from, LocalDate to) {
    return !d.isBefore(from) && !d.isAfter(to);
  }

  private static List<String> sorted(List<String> l) {
    List<String> out = new ArrayList<>(new java.util.TreeSet<>(l));
    return out;
  }

  private static Acc acc(Map<String, Acc> m, TrailLayout.Location loc) {
    String k = loc.deliveryDate() + "|" + loc.accountId() + "|" + loc.region();
    return m.computeIfAbsent(k, x -> new Acc(loc.deliveryDate(), loc.accountId(), loc.region()));
  }

  private static final class Acc {
    final LocalDate day;
    final String account;
    final String region;
    long expected;
    long ingested;
    long digests;
    final List<String> missing = new ArrayList<>();
    final List<String> mismatches = new ArrayList<>();
    final List<String> gaps = new ArrayList<>();
    final List<String> unlisted = new ArrayList<>();
    final List<String> badSignatures = new ArrayList<>();

    Acc(LocalDate day, String account, String region) {
      this.day = day;
      this.account = account;
      this.region = region;
    }
  }
}

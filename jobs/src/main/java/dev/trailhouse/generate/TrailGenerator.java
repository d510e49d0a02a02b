package dev.trailhouse.generate;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a CloudTrail trail of any size in S3's layout: gzipped {"Records":[...]} files delivered
 * every few minutes per account and region, records in random order, duplicates across files, late
 * deliveries across midnight and days late, the organization trail overlapping the management
 * account's own trail, and hourly digest files with real SHA-256 hashes. Deterministic.
 */
public final class TrailGenerator {
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DIGEST_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  /** One log file to write: where, and which events (seed, time, lateness) in which order. */
  record FileJob(
      String key,
      String account,
      String region,
      String instance,
      long deliveredAt,
      long[] seeds,
      long[] times,
      int[] late) {}

  private final GeneratorSpec spec;
  private final Path root;
  private final SplittableRandom rnd;
  private final Map<String, Long> expected = new TreeMap<>();
  private final Map<String, Boolean> seen = new java.util.HashMap<>();
  private long records;

  private TrailGenerator(GeneratorSpec spec, Path root) {
    this.spec = spec;
    this.root = root;
    this.rnd = new SplittableRandom(spec.seed());
  }

  public static GeneratedTrail generate(GeneratorSpec spec, Path root) {
    return new TrailGenerator(spec, root).run();
  }

  private GeneratedTrail run() {
    List<FileJob> jobs = new ArrayList<>();
    List<String> accounts = new ArrayList<>();
    if (spec.managementAccount() != null) {
      accounts.add(spec.managementAccount());
    }
    accounts.addAll(spec.orgAccounts());
    int streams = accounts.size() * spec.regions().size();
    for (int d = 0; d < spec.days(); d++) {
      LocalDate day = spec.firstDay().plusDays(d);
      int s = 0;
      for (String account : accounts) {
        for (String region : spec.regions()) {
          int n = spec.eventsPerDay() / streams + (s++ < spec.eventsPerDay() % streams ? 1 : 0);
          jobs.addAll(stream(account, region, day, n));
        }
      }
    }
    for (int k = 1; k <= spec.extraDayFolders(); k++) {
      LocalDate day = spec.firstDay().minusDays(k);
      String account = accounts.get(0);
      long t = day.toEpochDay() * 86_400L + 43_200L;
      jobs.add(
          file(
              prefixes(account).get(0),
              account,
              spec.regions().get(0),
              instance(account, spec.regions().get(0)),
              t + 300,
              new long[] {rnd.nextLong()},
              new long[] {t},
              new int[] {0},
              true));
    }
    List<Path> files = write(jobs);
    List<Path> digests = spec.digests() ? digests(jobs) : List.of();
    return new GeneratedTrail(root, files, digests, records, seen.size(), expected);
  }

  /** The folders an account's files are delivered under (two when trails overlap). */
  private List<String> prefixes(String account) {
    List<String> out = new ArrayList<>();
    boolean management = account.equals(spec.managementAccount());
    if (management || spec.organizationId() == null) {
      out.add("AWSLogs/" + account);
    }
    if (spec.organizationId() != null) {
      out.add("AWSLogs/" + spec.organizationId() + "/" + account);
    }
    return out;
  }

  static String instance(String account, String region) {
    return new UUID(account.hashCode() * 31L + region.hashCode(), 0x1234L).toString();
  }

  /** The files of one account and region for one day of events. */
  private List<FileJob> stream(String account, String region, LocalDate day, int n) {
    long dayStart = day.toEpochDay() * 86_400L;
    long[] seeds = new long[n];
    long[] times = new long[n];
    long[] delivered = new long[n];
    int[] late = new int[n];
    for (int i = 0; i < n; i++) {
      seeds[i] = rnd.nextLong();
      times[i] = dayStart + rnd.nextInt(86_400);
      delivered[i] = times[i] + 300 + rnd.nextInt(600);
      if (rnd.nextDouble() < spec.lateFraction()) {
        late[i] = 1 + rnd.nextInt(3);
        delivered[i] = times[i];
        times[i] -= late[i] * 86_400L;
      }
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(delivered[a], delivered[b]));
    List<FileJob> out = new ArrayList<>();
    String instance = instance(account, region);
    List<Integer> previous = List.of();
    for (int from = 0; from < n; from += spec.eventsPerFile()) {
      int to = Math.min(n, from + spec.eventsPerFile());
      List<Integer> idx = new ArrayList<>(Arrays.asList(order).subList(from, to));
      List<Integer> own = List.copyOf(idx);
      // Re-delivery: some events of the previous file appear again in this one.
      for (int k : previous) {
        if (rnd.nextDouble() < spec.duplicateFraction()) {
          idx.add(k);
        }
      }
      previous = own;
      shuffle(idx);
      long[] s = new long[idx.size()];
      long[] t = new long[idx.size()];
      int[] l = new int[idx.size()];
      for (int i = 0; i < idx.size(); i++) {
        int k = idx.get(i);
        s[i] = seeds[k];
        t[i] = times[k];
        l[i] = late[k];
      }
      long at = (delivered[order[to - 1]] / 300) * 300;
      for (String prefix : prefixes(account)) {
        out.add(file(prefix, account, region, instance, at, s, t, l, true));
      }
    }
    return out;
  }

  private FileJob file(
      String prefix,
      String account,
      String region,
      String instance,
      long at,
      long[] seeds,
      long[] times,
      int[] late,
      boolean count) {
    Instant when = Instant.ofEpochSecond(at);
    String day = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC).format(when);
    String key =
        prefix
            + "/CloudTrail/"
            + region
            + "/"
            + day
            + "/"
            + account
            + "_CloudTrail_"
            + region
            + "_"
            + FILE_TIME.format(when)
            + "_"
            + suffix()
            + ".json.gz";
    if (count) {
      for (int i = 0; i < seeds.length; i++) {
        record(seeds[i], times[i]);
      }
    }
    records += seeds.length;
    return new FileJob(key, account, region, instance, at, seeds, times, late);
  }

  /** Counts an event in the expected totals once, whatever files it is in. */
  void record(long seed, long time) {
    EventWriter.Head h = EventWriter.head(seed, spec.mix());
    if (seen.put(h.id(), Boolean.TRUE) == null) {
      String date = LocalDate.ofEpochDay(Math.floorDiv(time, 86_400L)).toString();
      expected.merge(date + "," + h.api().source(), 1L, Long::sum);
    }
  }

  private String suffix() {
    StringBuilder b = new StringBuilder(16);
    for (int i = 0; i < 16; i++) {
      b.append(ALNUM.charAt(rnd.nextInt(ALNUM.length())));
    }
    return b.toString();
  }

  private void shuffle(List<Integer> list) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      Integer tmp = list.get(i);
      list.set(i, list.get(j));
      list.set(j, tmp);
    }
  }

  private List<Path> write(List<FileJob> jobs) {
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Path>> futures = new ArrayList<>();
      for (FileJob job : jobs) {
        futures.add(pool.submit(() -> writeFile(job)));
      }
      List<Path> out = new ArrayList<>();
      for (Future<Path> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (Exception e) {
      throw new IllegalStateException("Writing the trail failed: " + e.getMessage(), e);
    } finally {
      pool.shutdownNow();
    }
  }

  private Path writeFile(FileJob job) throws IOException {
    ByteArrayOutputStream json = new ByteArrayOutputStream(job.seeds().length * 1500 + 64);
    try (JsonGenerator g = EventWriter.open(json)) {
      g.writeStartObject();
      g.writeArrayFieldStart("Records");
      for (int i = 0; i < job.seeds().length; i++) {
        EventWriter.write(
            g,
            job.seeds()[i],
            job.times()[i],
            job.account(),
            job.region(),
            job.instance(),
            job.late()[i],
            spec.mix());
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    Path f = root.resolve(job.key());
    Files.createDirectories(f.getParent());
    Files.write(f, gzip(json.toByteArray()));
    return f;
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 6 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Hourly digest files per account folder and region, chained, listing the files of each hour. */
  private List<Path> digests(List<FileJob> jobs) {
    Map<String, List<FileJob>> byStream = new TreeMap<>();
    long last = 0;
    for (FileJob j : jobs) {
      String prefix = j.key().substring(0, j.key().indexOf("/CloudTrail/"));
      byStream.computeIfAbsent(prefix + "|" + j.region(), k -> new ArrayList<>()).add(j);
      last = Math.max(last, j.deliveredAt());
    }
    long start = spec.firstDay().toEpochDay() * 86_400L;
    long end = (last / 3600 + 1) * 3600;
    List<Path> out = new ArrayList<>();
    for (Map.Entry<String, List<FileJob>> e : byStream.entrySet()) {
      String prefix = e.getKey().substring(0, e.getKey().indexOf('|'));
      String region = e.getKey().substring(e.getKey().indexOf('|') + 1);
      String account = prefix.substring(prefix.lastIndexOf('/') + 1);
      String previous = null;
      String previousHash = null;
      for (long h = start; h < end; h += 3600) {
        List<FileJob> inHour = new ArrayList<>();
        for (FileJob j : e.getValue()) {
          if (j.deliveredAt() >= h && j.deliveredAt() < h + 3600) {
            inHour.add(j);
          }
        }
        Instant endTime = Instant.ofEpochSecond(h + 3600);
        String day =
            DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC).format(endTime);
        String key =
            prefix
                + "/CloudTrail-Digest/"
                + region
                + "/"
                + day
                + "/"
                + account
                + "_CloudTrail-Digest_"
                + region
                + "_management-trail_us-east-1_"
                + DIGEST_TIME.format(endTime)
                + ".json.gz";
        byte[] bytes =
            gzip(
                digestJson(account, key, h, inHour, previous, previousHash)
                    .getBytes(StandardCharsets.UTF_8));
        Path f = root.resolve(key);
        try {
          Files.createDirectories(f.getParent());
          Files.write(f, bytes);
        } catch (IOException ex) {
          throw new UncheckedIOException(ex);
        }
        out.add(f);
        previous = key;
        previousHash = sha256(bytes);
      }
    }
    return out;
  }

  private String digestJson(
      String account,
      String key,
      long hour,
      List<FileJob> files,
      String previous,
      String previousHash) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = EventWriter.open(out)) {
      g.writeStartObject();
      g.writeStringField("awsAccountId", account);
      g.writeStringField("digestStartTime", Instant.ofEpochSecond(hour).toString());
      g.writeStringField("digestEndTime", Instant.ofEpochSecond(hour + 3600).toString());
      g.writeStringField("digestS3Bucket", spec.bucket());
      g.writeStringField("digestS3Object", key);
      g.writeStringField("digestPublicKeyFingerprint", "5f0e6a7b8c9d0e1f2a3b4c5d6e7f8091");
      g.writeStringField("digestSignatureAlgorithm", "SHA256withRSA");
      long oldest = Long.MAX_VALUE;
      long newest = Long.MIN_VALUE;
      for (FileJob f : files) {
        for (long t : f.times()) {
          oldest = Math.min(oldest, t);
          newest = Math.max(newest, t);
        }
      }
      if (files.isEmpty()) {
        g.writeNullField("newestEventTime");
        g.writeNullField("oldestEventTime");
      } else {
        g.writeStringField("newestEventTime", Instant.ofEpochSecond(newest).toString());
        g.writeStringField("oldestEventTime", Instant.ofEpochSecond(oldest).toString());
      }
      g.writeStringField("previousDigestS3Bucket", previous == null ? null : spec.bucket());
      g.writeStringField("previousDigestS3Object", previous);
      g.writeStringField("previousDigestHashValue", previousHash);
      g.writeStringField("previousDigestHashAlgorithm", previous == null ? null : "SHA-256");
      g.writeStringField("previousDigestSignature", previous == null ? null : "00".repeat(16));
      g.writeArrayFieldStart("logFiles");
      for (FileJob f : files) {
        // Like CloudTrail: the hash of the log file's uncompressed content.
        byte[] bytes;
        try (java.io.InputStream in =
            new java.util.zip.GZIPInputStream(Files.newInputStream(root.resolve(f.key())))) {
          bytes = in.readAllBytes();
        }
        long o = Arrays.stream(f.times()).min().orElse(0);
        long n = Arrays.stream(f.times()).max().orElse(0);
        g.writeStartObject();
        g.writeStringField("s3Bucket", spec.bucket());
        g.writeStringField("s3Object", f.key());
        g.writeStringField("hashValue", sha256(bytes));
        g.writeStringField("hashAlgorithm", "SHA-256");
        g.writeStringField("newestEventTime", Instant.ofEpochSecond(n).toString());
        g.writeStringField("oldestEventTime", Instant.ofEpochSecond(o).toString());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.trailhouse.verify;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailhouse.config.Config;
import dev.trailhouse.config.DateRange;
import dev.trailhouse.ledger.LogFile;
import dev.trailhouse.read.TrailLayout;
import dev.trailhouse.read.TrailLister;
import dev.trailhouse.report.ReportFiles;
import dev.trailhouse.spark.HadoopConf;
import dev.trailhouse.spark.JavaBytes;
import dev.trailhouse.write.DeltaTables;
import dev.trailhouse.write.IngestedFilesTable;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code trailhouse verify}: lists the digest folders of the asked days (plus one day on each side,
 * for the chain), reads the digests and hashes the ingested files they name in Spark tasks, and
 * records per day, account and region what is complete, missing, altered or unaccounted for.
 */
public final class VerifyJob {
  private static final Logger LOG = LoggerFactory.getLogger(VerifyJob.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SparkSession spark;
  private final Config config;

  public VerifyJob(SparkSession spark, Config config) {
    this.spark = spark;
    this.config = config;
  }

  /** A digest and the signature found for it (null when none is available). */
  record Read(Digest digest, String signature) implements java.io.Serializable {}

  public List<Verifier.Result> run(DateRange range, String runId, Instant at) {
    List<LocalDate> days = new DateRange(range.from().minusDays(1), range.to()).days(2);
    FileSystem fs = fileSystem(config.input());
    List<LogFile> digestFiles =
        new TrailLister(
                fs,
                config.input(),
                config.accounts(),
                config.regions(),
                config.listingThreads(),
                TrailLister.Folder.DIGESTS)
            .list(days)
            .files();
    LOG.info("Verify {}..{}: {} digest files listed", range.from(), range.to(), digestFiles.size());
    List<Read> reads = readDigests(digestFiles);
    Map<String, String> ingested = manifest(range);
    Set<String> named = new HashSet<>();
    for (Read r : reads) {
      r.digest().logFiles().forEach(f -> named.add(f.key()));
    }
    List<String> toHash = new ArrayList<>();
    for (Map.Entry<String, String> e : ingested.entrySet()) {
      if (named.contains(e.getKey())) {
        toHash.add(e.getValue());
      }
    }
    Map<String, String> hashes = hash(toHash);
    Signatures signatures = Signatures.load(config.verifyPublicKeys());
    Set<String> bad = new HashSet<>();
    long checked = 0;
    if (signatures.enabled()) {
      for (Read r : reads) {
        checked++;
        if (!signatures.verify(r.digest(), r.signature())) {
          bad.add(r.digest().key());
        }
      }
    }
    List<Verifier.Result> results =
        Verifier.verify(
            reads.stream().map(Read::digest).toList(),
            ingested,
            hashes,
            range.from(),
            range.to(),
            bad,
            checked);
    write(results, range, runId, at);
    return results;
  }

  private FileSystem fileSystem(String uri) {
    try {
      return new Path(uri).getFileSystem(spark.sessionState().newHadoopConf());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Digests travel back as {@link JavaBytes}: a record is more than Kryo can serialize. */
  private List<Read> readDigests(List<LogFile> files) {
    if (files.isEmpty()) {
      return List.of();
    }
    HadoopConf conf = new HadoopConf(spark.sessionState().newHadoopConf());
    List<String> uris = files.stream().map(LogFile::uri).toList();
    return JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(uris, Math.max(1, Math.min(uris.size() / 200 + 1, 200)))
        .map(
            uri -> {
              Path p = new Path(uri);
              FileSystem fs = p.getFileSystem(conf.get());
              byte[] bytes;
              try (InputStream in = fs.open(p)) {
                bytes = in.readAllBytes();
              }
              return JavaBytes.of(new Read(Digest.parse(uri, bytes), signature(fs, p)));
            })
        .collect()
        .stream()
        .map(b -> JavaBytes.<Read>read(b))
        .toList();
  }

  /**
   * The digest's signature: a sidecar file {@code <digest>.sig} (hex), else the S3 object's user
   * metadata, which hadoop-aws 3.3.4 exposes as {@code header.signature} (the SDK strips
   * x-amz-meta-).
   */
  static String signature(FileSystem fs, Path digest) {
    Path sidecar = new Path(digest.toString() + ".sig");
    try {
      if (fs.exists(sidecar)) {
        try (InputStream in = fs.open(sidecar)) {
          return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
        }
      }
      for (String name : new String[] {"header.signature", "header.x-amz-meta-signature"}) {
        byte[] meta = fs.getXAttr(digest, name);
        if (meta != null && meta.length > 0) {
          return new String(meta, StandardCharsets.US_ASCII).trim();
        }
      }
      return null;
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  /** Relative key -> manifest path of the files ingested in the asked delivery days. */
  private Map<String, String> manifest(DateRange range) {
    String path = config.table(IngestedFilesTable.NAME);
    Map<String, String> out = new HashMap<>();
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return out;
    }
    for (Row r :
        spark
            .read()
            .format("delta")
            .load(path)
            .where(
                col(IngestedFilesTable.DELIVERY_DATE)
                    .between(lit(range.from()), lit(range.to().plusDays(1))))
            .select(IngestedFilesTable.PATH)
            .distinct()
            .collectAsList()) {
      out.put(TrailLayout.relativeKey(r.getString(0)), r.getString(0));
    }
    return out;
  }

  /** SHA-256 of each object as stored now, computed in Spark tasks. */
  private Map<String, String> hash(List<String> paths) {
    Map<String, String> out = new HashMap<>();
    if (paths.isEmpty()) {
      return out;
    }
    HadoopConf conf = new HadoopConf(spark.sessionState().newHadoopConf());
    List<String[]> pairs =
        JavaSparkContext.fromSparkContext(spark.sparkContext())
            .parallelize(paths, Math.max(1, Math.min(paths.size() / 100 + 1, 1000)))
            .map(
                uri -> {
                  Path p = new Path(uri);
                  // CloudTrail's hashValue is the SHA-256 of the log file's uncompressed content
                  // (as the AWS
                  // CLI's validate-logs computes it), not of the gzip bytes.
                  try (InputStream in =
                      new java.util.zip.GZIPInputStream(
                          p.getFileSystem(conf.get()).open(p), 1 << 16)) {
                    return new String[] {uri, Signatures.sha256(in.readAllBytes())};
                  } catch (java.util.zip.ZipException | java.io.EOFException e) {
                    return new String[] {uri, "not a complete gzip file"};
                  } catch (java.io.FileNotFoundException e) {
                    return new String[] {uri, "gone"};
                  }
                })
            .collect();
    for (String[] p : pairs) {
      out.put(p[0], p[1]);
    }
    return out;
  }

  private void write(List<Verifier.Result> results, DateRange range, String runId, Instant at) {
    List<Row> rows = new ArrayList<>();
    for (Verifier.Result r : results) {
      rows.add(
          RowFactory.create(
              r.day(),
              r.accountId(),
              r.region(),
              r.filesExpected(),
              r.filesIngested(),
              (long) r.missing().size(),
              (long) r.hashMismatches().size(),
              (long) r.digestGaps().size(),
              (long) r.unlisted().size(),
              r.digestsRead(),
              r.signaturesChecked(),
              (long) r.signaturesFailed().size(),
              r.verdict(),
              details(r),
              at,
              runId));
    }
    String path = config.table(VerificationTable.NAME);
    DeltaTables.ensure(spark, path, VerificationTable.SCHEMA, "verified_date");
    DeltaTables.overwritePartition(
        spark,
        path,
        spark.createDataFrame(rows, VerificationTable.SCHEMA),
        "verified_date BETWEEN DATE'" + range.from() + "' AND DATE'" + range.to() + "'");
    if (config.reports() != null) {
      for (LocalDate day : range.days()) {
        List<Verifier.Result> ofDay = results.stream().filter(r -> r.day().equals(day)).toList();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("date", day.toString());
        doc.put("verdict", Verdicts.line(ofDay));
        List<Object> items = new ArrayList<>();
        for (Verifier.Result r : ofDay) {
          items.add(
              Map.of(
                  "account_id",
                  r.accountId(),
                  "region",
                  r.region(),
                  "verdict",
                  r.verdict(),
                  "details",
                  detailsMap(r)));
        }
        doc.put("streams", items);
        try {
          ReportFiles.write(
              spark.sessionState().newHadoopConf(),
              config.reports() + "/" + day,
              "verification.json",
              JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  private static Map<String, Object> detailsMap(Verifier.Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("missing", r.missing());
    m.put("hash_mismatches", r.hashMismatches());
    m.put("digest_gaps", r.digestGaps());
    m.put("unlisted", r.unlisted());
    m.put("signatures_failed", r.signaturesFailed());
    return m;
  }

  private static String details(Verifier.Result r) {
    try {
      return JSON.writeValueAsString(detailsMap(r));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.trailhouse.delta;

import dev.trailhouse.config.Errors;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.DeltaOperations;
import org.apache.spark.sql.delta.OptimisticTransaction;
import org.apache.spark.sql.delta.TableFeature;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.delta.actions.DeletionVectorDescriptor;
import org.apache.spark.sql.delta.actions.Metadata;
import org.apache.spark.sql.delta.actions.Protocol;
import org.apache.spark.sql.delta.stats.StatisticsCollection;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.apache.spark.sql.execution.metric.SQLMetrics;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * The one class that touches Delta's internal classes ({@code org.apache.spark.sql.delta}), whose
 * shape may change in any Delta release ({@link DeltaVersion} checks the release): one optimistic
 * transaction on one table, to read its definition, register the partitions read, add data files
 * written outside Delta, or change the schema, and commit. Everything else uses Delta's public API.
 */
public final class DeltaAdapter {
  /**
   * Table features whose effect on appended files this adapter's callers cover: appends only, no
   * deletion vectors or column mapping in the files, and the columns, constraints and generation
   * rules checked against the contract by the callers. Any other feature is refused.
   */
  static final Set<String> SUPPORTED_FEATURES =
      new TreeSet<>(
          List.of(
              "appendOnly",
              "invariants",
              "checkConstraints",
              "changeDataFeed",
              "generatedColumns",
              "columnMapping",
              "identityColumns",
              "deletionVectors",
              "timestampNtz",
              "v2Checkpoint",
              "vacuumProtocolCheck"));

  /** A data file written outside Delta, to add to the table. */
  public record DataFile(
      String relativePath,
      Map<String, String> partition,
      long size,
      long modificationTime,
      long rows,
      String stats) {}

  /** The table's definition as of the transaction's snapshot. */
  public record Definition(
      StructType schema, List<String> partitionColumns, Map<String, String> configuration) {}

  private final SparkSession spark;
  private final String path;
  private final OptimisticTransaction txn;

  private DeltaAdapter(SparkSession spark, String path) {
    this.spark = spark;
    this.path = path;
    this.txn = DeltaLog.forTable(spark, path).startTransaction();
  }

  /** Starts a transaction on the latest version of the table at {@code path}. */
  public static DeltaAdapter begin(SparkSession spark, String path) {
    return new DeltaAdapter(spark, path);
  }

  /** The table version the transaction builds on. */
  public long readVersion() {
    return txn.readVersion();
  }

  public Definition definition() {
    Metadata m = txn.metadata();
    return new Definition(
        m.schema(),
        JavaConverters.seqAsJavaList(m.partitionColumns()),
        JavaConverters.mapAsJavaMap(m.configuration()));
  }

  /**
   * Refuses a table whose protocol enables a feature outside {@link #SUPPORTED_FEATURES}: the files
   * Trailhouse writes itself would not honour it. {@code table} names the table in the message.
   */
  public void requireSupportedFeatures(String table) {
    Protocol p = txn.protocol();
    Set<String> used = new TreeSet<>();
    for (TableFeature f :
        JavaConverters.setAsJavaSet(p.implicitlyAndExplicitlySupportedFeatures())) {
      used.add(f.name());
    }
    used.addAll(JavaConverters.setAsJavaSet(p.readerAndWriterFeatureNames()));
    used.removeAll(SUPPORTED_FEATURES);
    if (!used.isEmpty()) {
      throw Errors.unsupportedTableFeatures(
          table, path, new ArrayList<>(used), new ArrayList<>(SUPPORTED_FEATURES));
    }
  }

  /**
   * Registers the read of the partitions where {@code column} has one of {@code values} (what a
   * concurrent commit to them conflicts with) and says whether they hold any file.
   */
  public boolean readPartitions(String column, Collection<String> values) {
    java.util.Set<scala.collection.immutable.Map<String, String>> partitions =
        new java.util.HashSet<>();
    for (String v : values) {
      partitions.add(scalaMap(Map.of(column, v)));
    }
    return !txn.filterFiles(JavaConverters.asScalaSet(partitions).toSet()).isEmpty();
  }

  /**
   * Commits the files as one append (a WRITE in the table's history, with its file, row and byte
   * counts, tagged {@code tag}); returns the new version. Throws Delta's concurrent-modification
   * error when a concurrent commit to the partitions read came first.
   */
  public long append(List<DataFile> files, List<String> partitionColumns, String tag) {
    List<Action> adds = new ArrayList<>();
    long rows = 0;
    long bytes = 0;
    for (DataFile f : files) {
      adds.add(addFile(f));
      rows += f.rows();
      bytes += f.size();
    }
    scala.collection.immutable.Map<String, SQLMetric> metrics =
        scala.collection.immutable.Map$.MODULE$.empty();
    metrics = metrics.updated("numFiles", metric("number of files written", files.size()));
    metrics = metrics.updated("numOutputRows", metric("number of output rows", rows));
    metrics = metrics.updated("numOutputBytes", metric("written output", bytes));
    txn.registerSQLMetrics(spark, metrics);
    DeltaOperations.Write op =
        new DeltaOperations.Write(
            SaveMode.Append,
            Option.apply(JavaConverters.asScalaBuffer(partitionColumns).toSeq()),
            Option.empty(),
            Option.apply(tag));
    return txn.commit(JavaConverters.asScalaBuffer(adds).toSeq(), op);
  }

  /**
   * Commits {@code schema} as the table's new schema (an UPDATE SCHEMA in its history); returns the
   * new version. The caller decides that the change is safe (columns only added, all nullable).
   */
  public long replaceSchema(StructType schema) {
    Metadata m = txn.metadata();
    StructType old = m.schema();
    Metadata grown =
        m.copy(
            m.id(),
            m.name(),
            m.description(),
            m.format(),
            schema.json(),
            m.partitionColumns(),
            m.configuration(),
            m.createdTime());
    txn.updateMetadata(grown, txn.updateMetadata$default$2());
    List<Action> none = List.of();
    return txn.commit(
        JavaConverters.asScalaBuffer(none).toSeq(), new DeltaOperations.UpdateSchema(old, schema));
  }

  /**
   * Delta's own maximum of a string column's statistics: cut to {@code prefixLength} and padded to
   * stay an upper bound.
   */
  public static String truncatedMax(int prefixLength, String max) {
    return StatisticsCollection.truncateMaxStringAgg(prefixLength, max);
  }

  /** The one place Delta's AddFile is built, each argument named. */
  private static AddFile addFile(DataFile f) {
    boolean dataChange = true;
    scala.collection.immutable.Map<String, String> tags = null;
    DeletionVectorDescriptor deletionVector = null;
    Option<Object> baseRowId = Option.empty();
    Option<Object> defaultRowCommitVersion = Option.empty();
    Option<String> clusteringProvider = Option.empty();
    return new AddFile(
        f.relativePath(),
        scalaMap(f.partition()),
        f.size(),
        f.modificationTime(),
        dataChange,
        f.stats(),
        tags,
        deletionVector,
        baseRowId,
        defaultRowCommitVersion,
        clusteringProvider);
  }

  private SQLMetric metric(String name, long value) {
    SQLMetric m = SQLMetrics.createMetric(spark.sparkContext(), name);
    m.set(value);
    return m;
  }

  private static scala.collection.immutable.Map<String, String> scalaMap(
      Map<String, String> values) {
    scala.collection.immutable.Map<String, String> m =
        scala.collection.immutable.Map$.MODULE$.empty();
    for (Map.Entry<String, String> e : values.entrySet()) {
      m = m.updated(e.getKey(), e.getValue());
    }
    return m;
  }
}

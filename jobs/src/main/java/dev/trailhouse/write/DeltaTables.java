package dev.trailhouse.write;

import dev.trailhouse.config.Errors;
import dev.trailhouse.delta.DeltaAdapter;
import io.delta.exceptions.DeltaConcurrentModificationException;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.JavaConverters;

/**
 * Creating Delta tables and committing to them, with retries when a concurrent run wins a commit.
 */
public final class DeltaTables {
  private static final Logger LOG = LoggerFactory.getLogger(DeltaTables.class);
  private static final int ATTEMPTS = 6;
  private static final String USER_METADATA = "spark.databricks.delta.commitInfo.userMetadata";

  private DeltaTables() {}

  /**
   * Rows inserted and source rows of one insert-only MERGE, from Delta's own commit metrics. A
   * MERGE that inserts nothing makes no commit: then {@code sourceRows} is {@link #NO_COMMIT}.
   */
  public record MergeMetrics(long inserted, long sourceRows) {
    public static final long NO_COMMIT = -1;

    public boolean committed() {
      return sourceRows != NO_COMMIT;
    }
  }

  /**
   * Creates the table at {@code path} if there is none, or adds to it the nullable columns its
   * contract ({@code schema}) gained since (see {@link #grow}).
   */
  public static void ensure(
      SparkSession spark, String path, StructType schema, String... partitionColumns) {
    ensure(spark, path, schema, Map.of(), partitionColumns);
  }

  /**
   * Creates the table at {@code path} with table properties if there is none, or grows it as {@link
   * #grow} says.
   */
  public static void ensure(
      SparkSession spark,
      String path,
      StructType schema,
      Map<String, String> properties,
      String... partitionColumns) {
    if (DeltaTable.isDeltaTable(spark, path)) {
      grow(spark, path, schema, List.of(partitionColumns));
      return;
    }
    retry(
        "create " + path,
        () -> {
          if (!DeltaTable.isDeltaTable(spark, path)) {
            clearInterruptedCreation(spark, path);
            io.delta.tables.DeltaTableBuilder b =
                DeltaTable.createIfNotExists(spark)
                    .location(path)
                    .addColumns(schema)
                    .partitionedBy(partitionColumns);
            for (Map.Entry<String, String> p : properties.entrySet()) {
              b = b.property(p.getKey(), p.getValue());
            }
            b.execute();
          }
          return null;
        });
  }

  /**
   * Adds the columns the contract ({@code schema}) has and the table at {@code path} lacks, in
   * place: one schema change in the table's history, no file rewritten; older rows read the new
   * columns as null. A column removed or retyped by the contract, or other partition columns, fail
   * with the fix named.
   */
  static void grow(
      SparkSession spark, String path, StructType schema, List<String> partitionColumns) {
    retry(
        "add columns to " + path,
        () -> {
          DeltaAdapter txn = DeltaAdapter.begin(spark, path);
          List<String> partitionedBy = txn.definition().partitionColumns();
          if (!partitionedBy.equals(partitionColumns)) {
            throw Errors.contractMismatch(
                path,
                "is partitioned by "
                    + partitionedBy
                    + " where its contract has "
                    + partitionColumns);
          }
          StructType table = txn.definition().schema();
          StructType grown = ContractColumns.grown(path, table, schema);
          if (grown != null) {
            List<String> added = new java.util.ArrayList<>();
            for (StructField f : grown.fields()) {
              if (table.getFieldIndex(f.name()).isEmpty()) {
                added.add(f.name() + " " + f.dataType().simpleString());
              }
            }
            long version = txn.replaceSchema(grown);
            LOG.warn(
                "The contract of the table at {} has new columns: added {} in place (version {}); its older rows "
                    + "read them as null",
                path,
                added,
                version);
          }
          return null;
        });
  }

  /**
   * Adds the columns of {@code schema} that the table at {@code path} lacks (a table made by an
   * older release), by an empty append that merges the schema: a blind append, so it never
   * conflicts.
   */
  public static void addMissingColumns(SparkSession spark, String path, StructType schema) {
    java.util.Set<String> have =
        new java.util.HashSet<>(
            java.util.Arrays.asList(DeltaTable.forPath(spark, path).toDF().schema().fieldNames()));
    if (have.containsAll(java.util.Arrays.asList(schema.fieldNames()))) {
      return;
    }
    LOG.info("Adding the columns of {} missing from {}", schema.simpleString(), path);
    retry(
        "add columns to " + path,
        () -> {
          spark
              .createDataFrame(List.of(), schema)
              .write()
              .format("delta")
              .mode("append")
              .option("mergeSchema", "true")
              .save(path);
          return null;
        });
  }

  /**
   * Runs the {@code ensure} calls side by side and returns when all are done; the first failure is
   * thrown.
   */
  public static void ensureAll(List<Runnable> ensures) {
    java.util.concurrent.ExecutorService pool =
        dev.trailhouse.concurrent.DaemonPool.fixed(ensures.size(), "trailhouse-create-table");
    try {
      List<java.util.concurrent.Future<?>> running = new java.util.ArrayList<>();
      for (Runnable r : ensures) {
        running.add(pool.submit(r));
      }
      RuntimeException first = null;
      for (java.util.concurrent.Future<?> f : running) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          if (first == null) {
            first =
                e.getCause() instanceof RuntimeException re
                    ? re
                    : new RuntimeException(e.getCause());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw Errors.run("Interrupted while creating the tables", e);
        }
      }
      if (first != null) {
        throw first;
      }
    } finally {
      pool.shutdown();
    }
  }

  /**
   * A run killed while it created a table leaves a {@code _delta_log} folder without any commit;
   * Delta then refuses to create the table there (DELTA_TABLE_NOT_FOUND). Such a folder, holding no
   * commit, checkpoint or {@code _last_checkpoint} file, is removed so that the table can be
   * created. A log with any of those is never touched.
   */
  static void clearInterruptedCreation(SparkSession spark, String path) {
    Path log = new Path(path, "_delta_log");
    try {
      FileSystem fs = log.getFileSystem(spark.sessionState().newHadoopConf());
      if (!fs.exists(log)) {
        return;
      }
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(log, true);
      while (files.hasNext()) {
        String name = files.next().getPath().getName();
        if (COMMIT_FILE.matcher(name).matches() || name.equals("_last_checkpoint")) {
          return;
        }
      }
      LOG.warn(
          "{} holds no commit: a run was stopped while it created the table there; removing it to create the "
              + "table",
          log);
      fs.delete(log, true);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot inspect " + log + ": " + e.getMessage(), e);
    }
  }

  /**
   * Delta commit and checkpoint files ({@code 00000000000000000000.json}, {@code
   * ...checkpoint...parquet}, UUID commits), and the commit an external log store
   * (S3DynamoDBLogStore) has claimed but not yet copied into place ({@code
   * .tmp/00000000000000000000.json.<uuid>}): another writer's creation in progress, never removed.
   */
  private static final java.util.regex.Pattern COMMIT_FILE =
      java.util.regex.Pattern.compile(
          "\\d{20}\\.(json|checkpoint.*\\.parquet|[0-9a-f-]{36}\\.json|json\\.[0-9a-f-]{36})");

  /**
   * Inserts the source rows whose key is not in the table yet (an insert-only MERGE), tagging the
   * commit with {@code tag} to read its metrics back. Delta detects a concurrent commit to the same
   * partitions; the MERGE is then retried against the new version.
   */
  public static MergeMetrics insertNew(
      SparkSession spark, String path, Dataset<Row> source, Column condition, String tag) {
    return retry(
        "merge into " + path,
        () -> {
          spark.conf().set(USER_METADATA, tag);
          try {
            DeltaTable.forPath(spark, path)
                .as("t")
                .merge(source.as("s"), condition)
                .whenNotMatched()
                .insertAll()
                .execute();
          } finally {
            spark.conf().unset(USER_METADATA);
          }
          return metrics(spark, path, tag);
        });
  }

  /** Appends rows, retrying on a concurrent commit (appends never conflict with each other). */
  public static void append(SparkSession spark, String path, Dataset<Row> rows) {
    retry(
        "append to " + path,
        () -> {
          rows.write().format("delta").mode("append").save(path);
          return null;
        });
  }

  /**
   * Appends rows that may carry columns the table does not have yet (added, as nulls for older
   * rows).
   */
  public static void appendAddingColumns(SparkSession spark, String path, Dataset<Row> rows) {
    retry(
        "append to " + path,
        () -> {
          rows.write().format("delta").mode("append").option("mergeSchema", "true").save(path);
          return null;
        });
  }

  /** Replaces exactly the rows matching {@code partitionPredicate} (a Delta replaceWhere). */
  public static void overwritePartition(
      SparkSession spark, String path, Dataset<Row> rows, String partitionPredicate) {
    retry(
        "replace " + partitionPredicate + " in " + path,
        () -> {
          rows.write()
              .format("delta")
              .mode("overwrite")
              .option("replaceWhere", partitionPredicate)
              .save(path);
          return null;
        });
  }

  private static MergeMetrics metrics(SparkSession spark, String path, String tag) {
    List<Row> history = DeltaTable.forPath(spark, path).history(50).collectAsList();
    for (Row h : history) {
      if (tag.equals(h.getAs("userMetadata"))) {
        scala.collection.Map<String, String> m = h.getAs("operationMetrics");
        Map<String, String> metrics = JavaConverters.mapAsJavaMap(m);
        return new MergeMetrics(
            Long.parseLong(metrics.getOrDefault("numTargetRowsInserted", "0")),
            Long.parseLong(metrics.getOrDefault("numSourceRows", "0")));
      }
    }
    return new MergeMetrics(0, MergeMetrics.NO_COMMIT);
  }

  static <T> T retry(String what, Supplier<T> action) {
    for (int attempt = 1; ; attempt++) {
      try {
        return action.get();
      } catch (DeltaConcurrentModificationException e) {
        if (attempt >= ATTEMPTS) {
          throw Errors.run(
              "Could not "
                  + what
                  + " after "
                  + attempt
                  + " attempts: concurrent runs keep committing to the "
                  + "same partitions. The table is consistent; re-run this command when the other runs finish.",
              e);
        }
        LOG.warn(
            "Concurrent commit while trying to {} (attempt {}): {}; retrying",
            what,
            attempt,
            e.getClass().getSimpleName());
        sleep(250L * attempt * attempt);
      } catch (Exception e) {
        // Two runs created the same table at once: the other one won, which is what we wanted.
        if (!(e instanceof org.apache.spark.sql.catalyst.analysis.TableAlreadyExistsException)
            || attempt >= 3) {
          throw e;
        }
        sleep(200L * attempt);
      }
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw Errors.run("Interrupted while waiting to retry a commit", ie);
    }
  }
}

package dev.trailhouse.reliability;

import java.util.List;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.DeltaOperations;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.AddFile;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * A writer JVM for {@link LostCommitIT}: {@code OneCommit <table> <tag> [key=value ...]} creates
 * the table when the tag is {@code seed}, else commits one AddFile named {@code <tag>.parquet} (the
 * log is what is tested; no data file is read) with userMetadata {@code <tag>} through Delta's
 * transaction, and prints "committed version N" with the version Delta says it committed. The
 * key=value pairs are Spark settings (s3a endpoint, log store, the holding file system).
 */
public final class OneCommit {
  private OneCommit() {}

  public static void main(String[] args) {
    String path = args[0];
    String tag = args[1];
    SparkSession.Builder b =
        SparkSession.builder()
            .master("local[1]")
            .appName("one commit " + tag)
            .config("spark.ui.enabled", "false")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config(
                "spark.sql.catalog.spark_catalog",
                "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    for (int i = 2; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      b.config(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    SparkSession spark = b.getOrCreate();
    long version;
    if (tag.equals("seed")) {
      spark.range(0).selectExpr("CAST(id AS STRING) AS writer").write().format("delta").save(path);
      version =
          io.delta.tables.DeltaTable.forPath(spark, path)
              .history(1)
              .select("version")
              .head()
              .getLong(0);
    } else {
      AddFile add =
          new AddFile(
              tag + ".parquet",
              scala.collection.immutable.Map$.MODULE$.<String, String>empty(),
              1L,
              0L,
              true,
              null,
              null,
              null,
              Option.empty(),
              Option.empty(),
              Option.empty());
      version =
          DeltaLog.forTable(spark, path)
              .startTransaction()
              .commit(
                  JavaConverters.asScalaBuffer(List.<Action>of(add)).toSeq(),
                  new DeltaOperations.Write(
                      SaveMode.Append, Option.empty(), Option.empty(), Option.apply(tag)));
    }
    System.out.println("committed version " + version);
    spark.stop();
  }
}

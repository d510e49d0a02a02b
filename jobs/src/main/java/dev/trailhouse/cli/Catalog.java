package dev.trailhouse.cli;

import dev.trailhouse.config.Config;
import dev.trailhouse.table.Tables;
import io.delta.tables.DeltaTable;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the warehouse's Delta tables in the session catalog (the Glue Data Catalog on EMR) when
 * {@code catalog.database} is set, so {@code SELECT * FROM trail.events} works in Spark SQL, Athena
 * and Trino.
 */
final class Catalog {
  private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);

  private Catalog() {}

  static void register(SparkSession spark, Config config) {
    String db = config.catalogDatabase();
    if (db.isEmpty()) {
      return;
    }
    // The database name is validated as an identifier at config load; TableDdl refuses quotes in
    // locations.
    spark.sql("CREATE DATABASE IF NOT EXISTS " + db);
    for (String table : Tables.NAMES) {
      String path = config.table(table);
      if (DeltaTable.isDeltaTable(spark, path)) {
        // The catalog gets the s3:// spelling (Glue, Athena, EMR); the job keeps s3a:// for its own
        // I/O.
        String location = TableDdl.location(path);
        spark.sql(TableDdl.table(TableDdl.Engine.SPARK, db, table, location));
        LOG.info("Catalog: {}.{} -> {}", db, table, location);
      }
    }
  }
}

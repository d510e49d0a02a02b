package dev.trailhouse.cli;

import dev.trailhouse.config.ConfigKey;
import dev.trailhouse.config.Errors;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements that register the warehouse's Delta tables in a catalog (Glue, Hive), each at its
 * {@code s3://} location: the scheme Glue, Athena and EMR expect, whereas the job itself reads and
 * writes through {@code s3a://}. Pure text: nothing here touches S3 or a session.
 */
public final class TableDdl {
  /** The SQL dialect of the statements. */
  public enum Engine {
    ATHENA,
    SPARK
  }

  private TableDdl() {}

  /**
   * The catalog's spelling of a table location: {@code s3a://} and {@code s3n://} become {@code
   * s3://}.
   */
  public static String location(String path) {
    for (String scheme : List.of("s3a://", "s3n://")) {
      if (path.startsWith(scheme)) {
        return "s3://" + path.substring(scheme.length());
      }
    }
    return path;
  }

  /**
   * The database statement, then one table statement per name, for a warehouse as the job spells
   * it.
   */
  public static List<String> all(
      Engine engine, String database, String warehouse, List<String> tables) {
    List<String> out = new ArrayList<>();
    out.add("CREATE DATABASE IF NOT EXISTS " + database);
    String base = location(warehouse);
    for (String table : tables) {
      out.add(
          table(engine, database, table, base.endsWith("/") ? base + table : base + "/" + table));
    }
    return out;
  }

  /** One table's statement; {@code location} must already be the catalog's spelling. */
  public static String table(Engine engine, String database, String table, String location) {
    if (location.contains("'") || location.contains("\\")) {
      throw Errors.badValue(
          ConfigKey.WAREHOUSE.key(),
          location,
          "a catalog location cannot hold a quote or a backslash");
    }
    if (engine == Engine.ATHENA) {
      if (!location.startsWith("s3://")) {
        throw Errors.badValue(
            ConfigKey.WAREHOUSE.key(),
            location,
            "Athena reads tables on S3 only (s3://bucket/prefix)");
      }
      return "CREATE EXTERNAL TABLE IF NOT EXISTS "
          + database
          + "."
          + table
          + "\nLOCATION '"
          + location
          + "'\nTBLPROPERTIES ('table_type'='DELTA')";
    }
    return "CREATE TABLE IF NOT EXISTS "
        + database
        + "."
        + table
        + " USING DELTA LOCATION '"
        + location
        + "'";
  }
}

package dev.trailhouse.cli;

import dev.trailhouse.config.Config;
import dev.trailhouse.config.ConfigKey;
import dev.trailhouse.config.Errors;
import dev.trailhouse.table.Tables;
import java.util.Locale;
import java.util.Set;

/**
 * {@code trailhouse ddl}: prints the statements that register every table at its {@code s3://}
 * location, for Athena or Spark. Starts no session and reads nothing from the warehouse.
 */
final class DdlCommand implements Command {
  private static final Set<String> VALUES = Set.of("--engine");
  private static final Set<String> FLAGS = Set.of();

  @Override
  public String name() {
    return "ddl";
  }

  @Override
  public String summary() {
    return "print the DDL that registers every table in Athena/Glue or a Spark catalog";
  }

  @Override
  public String help() {
    return "Usage: trailhouse ddl --engine athena|spark [--conf FILE] [--set key=value]...\n\n"
        + "Prints CREATE DATABASE and one CREATE TABLE per table ("
        + String.join(", ", Tables.NAMES)
        + ")\n"
        + "in the database 'catalog.database', each at its location under 'warehouse' (s3a:// printed as s3://).\n"
        + "Athena: CREATE EXTERNAL TABLE ... TBLPROPERTIES ('table_type'='DELTA'); Spark: ... USING DELTA.\n"
        + "Nothing is read or created: run the output in Athena or in spark-sql.\n\n"
        + "  --engine            athena or spark\n"
        + CommonOptions.HELP;
  }

  @Override
  public Set<String> options() {
    return Args.union(VALUES, FLAGS);
  }

  @Override
  public int run(String[] argv) {
    Args args = Args.parse(name(), argv, VALUES, FLAGS);
    String engine = args.required("--engine", "--engine athena");
    if (!Set.of("athena", "spark").contains(engine)) {
      throw Errors.usage("--engine '" + engine + "' is not one of athena, spark.");
    }
    Config config = CommonOptions.config(args);
    if (config.catalogDatabase().isEmpty()) {
      throw Errors.missingKey(
          ConfigKey.CATALOG_DATABASE.key(),
          "the catalog database the tables are created in (e.g. trail)");
    }
    TableDdl.Engine e = TableDdl.Engine.valueOf(engine.toUpperCase(Locale.ROOT));
    for (String statement :
        TableDdl.all(e, config.catalogDatabase(), config.warehouse(), Tables.NAMES)) {
      System.out.println(statement + ";");
      System.out.println();
    }
    return 0;
  }
}

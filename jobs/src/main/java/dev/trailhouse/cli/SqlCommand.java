package dev.trailhouse.cli;

import dev.trailhouse.config.Config;
import dev.trailhouse.config.Errors;
import dev.trailhouse.table.Tables;
import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** {@code trailhouse sql}: Spark SQL over the warehouse, each table visible by its name. */
final class SqlCommand implements Command {
  private static final Set<String> VALUES = Set.of("--format", "--limit");
  private static final Set<String> FLAGS = Set.of();

  @Override
  public String name() {
    return "sql";
  }

  @Override
  public String summary() {
    return "run Spark SQL over the tables (events, rejects, ingest_runs, access_daily, ...)";
  }

  @Override
  public String help() {
    return "Usage: trailhouse sql \"<query>\" [--format table|csv|jsonl] [--limit N] [--conf FILE] [--set key=value]...\n\n"
        + "Every table under 'warehouse' is a view by its name: " + String.join(", ", Tables.NAMES) + ",\n"
        + "plus the views of notebooks/views.sql when that file is found.\n\n"
        + "  --format            table (default), csv or jsonl\n"
        + "  --limit             most rows printed (default 1000)\n"
        + CommonOptions.HELP;
  }

  @Override
  public Set<String> options() {
    return Args.union(VALUES, FLAGS);
  }

  @Override
  public int run(String[] argv) {
    Args args = Args.parse(name(), argv, VALUES, FLAGS);
    if (args.positional().size() != 1) {
      throw Errors.usage("'trailhouse sql' takes one query in quotes, e.g. trailhouse sql \"SELECT count(*) FROM events\".");
    }
    String format = args.value("--format").orElse("table");
    if (!Set.of("table", "csv", "jsonl").contains(format)) {
      throw Errors.usage("--format '" + format + "' is not one of table, csv, jsonl.");
    }
    int limit;
    try {
      limit = Integer.parseInt(args.value("--limit").orElse("1000"));
    } catch (NumberFormatException e) {
      throw Errors.usage("--limit must be a whole number, e.g. --limit 100.");
    }
    Config config = CommonOptions.config(args);
    SparkSession spark = Sessions.create(config, name());
    registerViews(spark, config);
    Dataset<Row> result = spark.sql(args.positional().get(0));
    List<Row> rows = result.limit(limit).collectAsList();
    ResultPrinter.print(System.out, result.schema(), rows, format);
    return 0;
  }

  /** Makes each existing table a temporary view by its name, then the shared notebook views. */
  static void registerViews(SparkSession spark, Config config) {
    for (String table : Tables.NAMES) {
      String path = config.table(table);
      if (DeltaTable.isDeltaTable(spark, path)) {
        spark.read().format("delta").load(path).createOrReplaceTempView(table);
      }
    }
    SharedViews.register(spark);
  }

}

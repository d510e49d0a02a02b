package dev.trailhouse.cli;

import dev.trailhouse.config.Config;
import dev.trailhouse.config.Errors;
import dev.trailhouse.table.Tables;
import io.delta.tables.DeltaTable;
import java.io.BufferedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
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
        + "Every table under 'warehouse' is a view by its name: "
        + String.join(", ", Tables.NAMES)
        + ",\n"
        + "plus the views of notebooks/views.sql when that file is found.\n\n"
        + "  --format            table (default), csv or jsonl\n"
        + "  --limit             most rows printed (table: default 1000, and a line on stderr says how many\n"
        + "                      were left out; csv and jsonl: every row unless --limit is given)\n"
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
      throw Errors.usage(
          "'trailhouse sql' takes one query in quotes, e.g. trailhouse sql \"SELECT count(*) FROM events\".");
    }
    String format = args.value("--format").orElse("table");
    if (!Set.of("table", "csv", "jsonl").contains(format)) {
      throw Errors.usage("--format '" + format + "' is not one of table, csv, jsonl.");
    }
    OptionalInt limit = limit(args);
    Config config = CommonOptions.config(args);
    SparkSession spark = Sessions.create(config, name());
    registerViews(spark, config);
    Dataset<Row> result = spark.sql(args.positional().get(0));
    if (!format.equals("table")) {
      // Every row unless --limit says otherwise, one partition at a time: never all on the driver.
      Dataset<Row> rows = limit.isPresent() ? result.limit(limit.getAsInt()) : result;
      PrintStream out =
          new PrintStream(
              new BufferedOutputStream(System.out, 1 << 16), false, StandardCharsets.UTF_8);
      ResultPrinter.stream(out, result.schema(), rows.toLocalIterator(), format);
      return 0;
    }
    int shown = limit.orElse(TABLE_ROWS);
    List<Row> rows = result.limit(shown + 1).collectAsList();
    if (rows.size() <= shown) {
      ResultPrinter.table(System.out, result.schema(), rows);
      return 0;
    }
    ResultPrinter.table(System.out, result.schema(), rows.subList(0, shown));
    long total = result.count();
    System.err.println(leftOut(shown, total));
    return 0;
  }

  /** Rows a table shows when --limit is not given. */
  static final int TABLE_ROWS = 1000;

  /** The stderr line when a table leaves rows out. */
  static String leftOut(int shown, long total) {
    return "trailhouse: "
        + (total - shown)
        + " of "
        + total
        + " rows left out (the table shows "
        + shown
        + "); --limit "
        + total
        + " shows them all, --format csv or --format jsonl writes every row.";
  }

  private static OptionalInt limit(Args args) {
    Optional<String> v = args.value("--limit");
    if (v.isEmpty()) {
      return OptionalInt.empty();
    }
    try {
      int n = Integer.parseInt(v.get());
      if (n < 0) {
        throw new NumberFormatException();
      }
      return OptionalInt.of(n);
    } catch (NumberFormatException e) {
      throw Errors.usage("--limit must be a whole number, e.g. --limit 100.");
    }
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

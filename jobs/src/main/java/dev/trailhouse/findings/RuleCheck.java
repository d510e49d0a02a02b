package dev.trailhouse.findings;

import dev.trailhouse.config.Errors;
import dev.trailhouse.table.EventsTable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.analysis.UnresolvedStar;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Checks a rule's logic before any day runs: its {@code where} is parsed by Spark's own SQL parser,
 * may call only the functions below (no subquery, no clock, nothing that reaches outside the row
 * such as {@code reflect}), is resolved against the columns of {@code events} and must be boolean.
 * A rule that fails any check stops the run with exit 2 naming the rule.
 */
public final class RuleCheck {
  /**
   * Functions a rule may call: text, collections, JSON paths and time parts of the event's own
   * fields.
   */
  static final Set<String> FUNCTIONS =
      Set.of(
          "lower",
          "upper",
          "trim",
          "ltrim",
          "rtrim",
          "coalesce",
          "nvl",
          "ifnull",
          "nullif",
          "if",
          "isnull",
          "isnotnull",
          "like",
          "ilike",
          "rlike",
          "regexp",
          "regexp_like",
          "regexp_extract",
          "startswith",
          "endswith",
          "contains",
          "length",
          "char_length",
          "size",
          "cardinality",
          "array",
          "array_contains",
          "arrays_overlap",
          "element_at",
          "try_element_at",
          "map_keys",
          "map_values",
          "map_contains_key",
          "exists",
          "forall",
          "filter",
          "get_json_object",
          "json_array_length",
          "substring",
          "substr",
          "concat",
          "concat_ws",
          "split",
          "instr",
          "locate",
          "hour",
          "dayofweek",
          "to_date");

  private RuleCheck() {}

  /** Checks every rule; the first that fails throws. */
  public static void check(SparkSession spark, List<Rule> rules) {
    Dataset<Row> empty = spark.createDataFrame(List.<Row>of(), EventsTable.SCHEMA);
    for (Rule r : rules) {
      check(spark, empty, r);
    }
  }

  private static void check(SparkSession spark, Dataset<Row> empty, Rule r) {
    Expression parsed;
    try {
      parsed = spark.sessionState().sqlParser().parseExpression(r.where());
    } catch (Exception e) {
      throw Errors.badRule(
          r.id(),
          r.origin(),
          "where is not a Spark SQL expression (" + RuleFile.firstLine(e.getMessage()) + ")");
    }
    Deque<Expression> todo = new ArrayDeque<>(List.of(parsed));
    while (!todo.isEmpty()) {
      Expression e = todo.pop();
      if (e instanceof SubqueryExpression) {
        throw Errors.badRule(
            r.id(),
            r.origin(),
            "where may not hold a subquery: it is evaluated on one event at a time");
      }
      if (e instanceof UnresolvedStar) {
        throw Errors.badRule(r.id(), r.origin(), "where may not use *: name the events columns");
      }
      if (e instanceof UnresolvedFunction f) {
        String name =
            String.join(".", scala.collection.JavaConverters.seqAsJavaList(f.nameParts()))
                .toLowerCase(java.util.Locale.ROOT);
        if (!FUNCTIONS.contains(name)) {
          throw Errors.badRule(
              r.id(),
              r.origin(),
              "where calls "
                  + name
                  + "(), which rules may not use (allowed: "
                  + String.join(", ", new java.util.TreeSet<>(FUNCTIONS))
                  + ")");
        }
      }
      todo.addAll(scala.collection.JavaConverters.seqAsJavaList(e.children()));
    }
    DataType type;
    try {
      type = empty.select(new org.apache.spark.sql.Column(parsed)).schema().fields()[0].dataType();
    } catch (Exception e) {
      throw Errors.badRule(
          r.id(),
          r.origin(),
          "where does not resolve against the events columns ("
              + RuleFile.firstLine(e.getMessage())
              + ")");
    }
    if (!type.equals(DataTypes.BooleanType)) {
      throw Errors.badRule(
          r.id(),
          r.origin(),
          "where must be true or false for an event, but it is " + type.simpleString());
    }
    if (r.kind() == Rule.Kind.NEW_VALUE) {
      StructField f = column(r.valueColumn());
      if (f == null || !f.dataType().equals(DataTypes.StringType)) {
        throw Errors.badRule(
            r.id(),
            r.origin(),
            "value '"
                + r.valueColumn()
                + "' is not a text column of events (e.g. "
                + EventsTable.SOURCE_IP_ADDRESS
                + ")");
      }
    }
  }

  private static StructField column(String name) {
    for (StructField f : EventsTable.SCHEMA.fields()) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    return null;
  }
}

package dev.trailhouse.findings;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import dev.trailhouse.table.EventsTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Runs the rules over one day: every rule's expression is evaluated in one pass over the day's
 * events (an event may match several rules), matches are grouped into findings by rule, actor and
 * Connect instance (by rule and actor for threshold rules), and new-value rules compare with the
 * values each actor used in the baseline days before.
 */
public final class Findings {
  static final String UNKNOWN_ACTOR = "(unknown)";

  /** Who or what never gives a finding: findings.allow_actors and findings.allow_ips. */
  public record Allowlist(List<String> actors, List<String> ips) {
    public Allowlist {
      actors = List.copyOf(actors);
      ips = List.copyOf(ips);
    }
  }

  private Findings() {}

  /**
   * The order findings are listed in: most severe first, then by rule, actor, instance and time.
   */
  public static Column[] order() {
    Column rank = lit(Severity.values().length);
    for (Severity s : Severity.values()) {
      rank = when(col(FindingsTable.SEVERITY).equalTo(s.label()), lit(s.ordinal())).otherwise(rank);
    }
    return new Column[] {
      rank,
      col(FindingsTable.RULE_ID),
      col(FindingsTable.ACTOR),
      col(FindingsTable.CONNECT_INSTANCE_ID),
      col(FindingsTable.FIRST_SEEN)
    };
  }

  private static final StructType RULES =
      new StructType()
          .add("rule", DataTypes.IntegerType)
          .add("rule_id", DataTypes.StringType)
          .add("severity", DataTypes.StringType)
          .add("title", DataTypes.StringType)
          .add("attack", DataTypes.StringType)
          .add("kind", DataTypes.StringType)
          .add("min_count", DataTypes.IntegerType);

  /**
   * @param events events of the report's sources, at least the days [day - baselineDays, day]
   * @return the day's findings in {@link FindingsTable#SCHEMA}, in no particular order
   */
  public static Dataset<Row> build(
      Dataset<Row> events, LocalDate day, int baselineDays, List<Rule> rules, Allowlist allow) {
    Column actor = coalesce(col(EventsTable.ACTOR), lit(UNKNOWN_ACTOR)).as("actor");
    Dataset<Row> today = events.where(col(EventsTable.EVENT_DATE).equalTo(lit(day)));
    if (!allow.actors().isEmpty()) {
      today =
          today.where(
              not(coalesce(col(EventsTable.ACTOR), lit("")).isin(allow.actors().toArray())));
    }
    if (!allow.ips().isEmpty()) {
      today =
          today.where(
              not(
                  coalesce(col(EventsTable.SOURCE_IP_ADDRESS), lit(""))
                      .isin(allow.ips().toArray())));
    }
    Column[] hits = new Column[rules.size()];
    List<Row> meta = new ArrayList<>();
    List<Column> baselineValues = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      Rule r = rules.get(i);
      boolean newValue = r.kind() == Rule.Kind.NEW_VALUE;
      Column value = newValue ? col(r.valueColumn()) : lit(null).cast(DataTypes.StringType);
      hits[i] =
          when(coalesce(expr(r.where()), lit(false)), struct(lit(i).as("rule"), value.as("value")));
      meta.add(
          RowFactory.create(
              i,
              r.id(),
              r.severity().label(),
              r.title(),
              r.attack(),
              r.kind().label(),
              r.minCount()));
      if (newValue) {
        baselineValues.add(struct(lit(i).as("rule"), col(r.valueColumn()).as("value")));
      }
    }
    if (rules.isEmpty()) {
      return events.sparkSession().createDataFrame(List.of(), FindingsTable.SCHEMA);
    }
    Dataset<Row> matched =
        today
            .select(
                col(EventsTable.EVENT_ID),
                actor,
                col(EventsTable.CONNECT_INSTANCE_ID),
                col(EventsTable.EVENT_TIME),
                col(EventsTable.EVENT_NAME),
                col(EventsTable.SOURCE_IP_ADDRESS),
                col(EventsTable.ERROR_CODE),
                array_compact(array(hits)).as("hits"))
            .where(size(col("hits")).gt(0))
            .withColumn("hit", explode(col("hits")))
            .withColumn("rule", col("hit.rule"))
            .withColumn("value", col("hit.value"))
            .drop("hits", "hit");
    Dataset<Row> ruleTable = broadcast(events.sparkSession().createDataFrame(meta, RULES));
    Dataset<Row> rows = matched.join(ruleTable, "rule");
    if (!baselineValues.isEmpty()) {
      rows = newValuesOnly(rows, events, day, baselineDays, baselineValues, actor);
    }
    Column threshold = col("kind").equalTo(Rule.Kind.THRESHOLD.label());
    Dataset<Row> grouped =
        rows.groupBy(
                col("rule"),
                col("actor"),
                when(threshold, lit(null))
                    .otherwise(col(EventsTable.CONNECT_INSTANCE_ID))
                    .as("grp"))
            .agg(
                count(lit(1)).as("n"),
                min(col(EventsTable.EVENT_TIME)).as("first_seen"),
                max(col(EventsTable.EVENT_TIME)).as("last_seen"),
                array_sort(collect_set(col(EventsTable.EVENT_ID))).as("event_ids"),
                array_sort(collect_set(col(EventsTable.EVENT_NAME))).as("event_names"),
                array_sort(collect_set(col(EventsTable.SOURCE_IP_ADDRESS))).as("source_ips"),
                array_sort(collect_set(col(EventsTable.ERROR_CODE))).as("error_codes"),
                array_sort(collect_set(col(EventsTable.CONNECT_INSTANCE_ID))).as("instances"),
                array_sort(collect_set(col("value"))).as("values"))
            .join(ruleTable, "rule")
            .where(not(threshold).or(col("n").geq(col("min_count"))));
    Column details =
        to_json(
            struct(
                col("n").as("events"),
                col("event_names"),
                col("source_ips"),
                col("error_codes"),
                when(threshold, col("min_count")).as("min_count"),
                when(col("kind").equalTo(Rule.Kind.NEW_VALUE.label()), col("values"))
                    .as("new_values"),
                col("instances").as("connect_instance_ids")));
    return grouped.select(
        lit(day).as(FindingsTable.REPORT_DATE),
        col("rule_id").as(FindingsTable.RULE_ID),
        col("severity").as(FindingsTable.SEVERITY),
        col("title").as(FindingsTable.TITLE),
        col("attack").as(FindingsTable.ATTACK),
        col("actor").as(FindingsTable.ACTOR),
        when(size(col("instances")).equalTo(1), element_at(col("instances"), 1))
            .as(FindingsTable.CONNECT_INSTANCE_ID),
        col("first_seen").as(FindingsTable.FIRST_SEEN),
        col("last_seen").as(FindingsTable.LAST_SEEN),
        col("event_ids").as(FindingsTable.EVENT_IDS),
        details.as(FindingsTable.DETAILS));
  }

  /**
   * New-value rules keep a match only when its value is set, its actor is named and made some call
   * in the baseline days, and none of those calls had this value; other rules' matches pass
   * unchanged.
   */
  private static Dataset<Row> newValuesOnly(
      Dataset<Row> rows,
      Dataset<Row> events,
      LocalDate day,
      int baselineDays,
      List<Column> values,
      Column actor) {
    // An event that names nobody has no history of its own: (unknown) is not one person.
    Dataset<Row> baseline =
        events
            .where(
                col(EventsTable.EVENT_DATE)
                    .between(lit(day.minusDays(baselineDays)), lit(day.minusDays(1))))
            .where(col(EventsTable.ACTOR).isNotNull())
            .select(actor, explode(array(values.toArray(new Column[0]))).as("b"));
    Dataset<Row> known =
        baseline
            .select(col("actor"), col("b.rule").as("rule"), col("b.value").as("value"))
            .where(col("value").isNotNull())
            .distinct();
    Dataset<Row> withHistory = baseline.select(col("actor")).distinct();
    Column isNewValueRule = col("kind").equalTo(Rule.Kind.NEW_VALUE.label());
    Dataset<Row> others = rows.where(not(isNewValueRule));
    Dataset<Row> candidates =
        rows.where(isNewValueRule.and(col("value").isNotNull()))
            .join(withHistory, seq("actor"), "left_semi")
            .join(known, seq("actor", "rule", "value"), "left_anti");
    return others.unionByName(candidates);
  }

  private static scala.collection.Seq<String> seq(String... columns) {
    return scala.collection.JavaConverters.asScalaBuffer(List.of(columns)).toSeq();
  }
}

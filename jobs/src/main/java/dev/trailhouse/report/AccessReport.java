package dev.trailhouse.report;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_except;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.trailhouse.table.EventsTable;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Builds {@code access_daily} for one day from the events of that day and of the baseline before
 * it.
 */
public final class AccessReport {
  static final String DENIED = "AccessDenied|Unauthorized|Forbidden";
  static final String UNKNOWN_ACTOR = "(unknown)";

  private AccessReport() {}

  /**
   * @param events events of the report's sources, at least the days [day - baselineDays, day]
   * @return the day's access rows, in no particular order (the files sort them)
   */
  public static Dataset<Row> build(
      Dataset<Row> events, LocalDate day, int baselineDays, int maxUserAgents) {
    Column actor = coalesce(col(EventsTable.ACTOR), lit(UNKNOWN_ACTOR));
    Dataset<Row> today =
        events.where(col(EventsTable.EVENT_DATE).equalTo(lit(day))).withColumn("a", actor);
    Dataset<Row> baseline =
        events
            .where(
                col(EventsTable.EVENT_DATE)
                    .between(lit(day.minusDays(baselineDays)), lit(day.minusDays(1))))
            .withColumn("a", actor)
            .groupBy("a")
            .agg(array_sort(collect_set(col(EventsTable.SOURCE_IP_ADDRESS))).as("baseline_ips"));
    Dataset<Row> calls =
        today
            .groupBy(col("a"), col(EventsTable.EVENT_SOURCE), col(EventsTable.EVENT_NAME))
            .agg(
                max(col(EventsTable.IDENTITY_TYPE)).as("identity_type"),
                count(lit(1)).as("calls"),
                sum(when(col(EventsTable.READ_ONLY).equalTo(true), 1L).otherwise(0L))
                    .as("read_calls"),
                sum(when(col(EventsTable.READ_ONLY).equalTo(false), 1L).otherwise(0L))
                    .as("write_calls"),
                sum(when(col(EventsTable.ERROR_CODE).isNotNull(), 1L).otherwise(0L))
                    .as("error_calls"),
                sum(when(col(EventsTable.ERROR_CODE).rlike(DENIED), 1L).otherwise(0L))
                    .as("access_denied_calls"),
                array_sort(collect_set(col(EventsTable.SOURCE_IP_ADDRESS))).as("source_ips"),
                slice(array_sort(collect_set(col(EventsTable.USER_AGENT))), 1, maxUserAgents)
                    .as("user_agents"),
                array_sort(collect_set(col(EventsTable.CONNECT_INSTANCE_ID)))
                    .as("connect_instance_ids"),
                min(col(EventsTable.EVENT_TIME)).as("first_seen"),
                max(col(EventsTable.EVENT_TIME)).as("last_seen"));
    return calls
        .join(baseline, calls.col("a").equalTo(baseline.col("a")), "left")
        .select(
            lit(day).as("report_date"),
            calls.col("a").as("actor"),
            col(EventsTable.EVENT_SOURCE),
            col(EventsTable.EVENT_NAME),
            col("identity_type"),
            col("calls"),
            col("read_calls"),
            col("write_calls"),
            col("error_calls"),
            col("access_denied_calls"),
            col("source_ips"),
            col("user_agents"),
            col("connect_instance_ids"),
            col("first_seen"),
            col("last_seen"),
            col("baseline_ips").isNull().as("new_actor"),
            array_sort(
                    array_except(
                        col("source_ips"),
                        coalesce(col("baseline_ips"), array().cast("array<string>"))))
                .as("new_source_ips"));
  }
}

package dev.trailhouse.report;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import dev.trailhouse.table.EventsTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Builds {@code changes_daily} for one day: every call with read_only false, classified by {@link
 * ApiCatalog}. The few distinct API names of the day are classified on the driver and joined back
 * as a small broadcast table, so no UDF runs per row.
 */
public final class ChangeReport {
  static final StructType CATALOG =
      new StructType()
          .add("c_event_name", DataTypes.StringType)
          .add("action", DataTypes.StringType)
          .add("change_kind", DataTypes.StringType)
          .add("c_resource_type", DataTypes.StringType)
          .add("id_keys", DataTypes.createArrayType(DataTypes.StringType));

  /** Request id keys a type has at most (two names, each in PascalCase and camelCase). */
  static final int MAX_ID_KEYS = 4;

  /** Connect ARN segment -> resource type, for Tag/UntagResource. */
  static final String ARN_TYPES =
      "map('agent','user','queue','queue','routing-profile','routing-profile','contact-flow','contact-flow',"
          + "'flow-module','contact-flow-module','transfer-destination','quick-connect','operating-hours',"
          + "'hours-of-operation','phone-number','phone-number','security-profile','security-profile','prompt','prompt',"
          + "'agent-state','agent-status','agent-group','user-hierarchy-group','contact','contact','task-template',"
          + "'task-template','evaluation-form','evaluation-form','view','view','rule','rule')";

  private ChangeReport() {}

  /**
   * @param events events of the report's sources for {@code day} (other days are filtered out)
   * @return the day's change rows, in no particular order (the files sort them)
   */
  public static Dataset<Row> build(SparkSession spark, Dataset<Row> events, LocalDate day) {
    Dataset<Row> changes =
        events.where(
            col(EventsTable.EVENT_DATE)
                .equalTo(lit(day))
                .and(col(EventsTable.READ_ONLY).equalTo(false)));
    List<Row> names = changes.select(EventsTable.EVENT_NAME).distinct().collectAsList();
    List<Row> catalog = new ArrayList<>();
    for (Row r : names) {
      String name = r.getString(0);
      if (name == null) {
        continue;
      }
      ApiCatalog.Classification c = ApiCatalog.classify(name);
      List<String> keys = c.requestIdKeys();
      if (keys.size() > MAX_ID_KEYS) {
        throw new IllegalStateException(
            "ApiCatalog gives " + name + " more than " + MAX_ID_KEYS + " id keys: " + keys);
      }
      catalog.add(
          RowFactory.create(
              name,
              c.action(),
              c.changeKind(),
              c.resourceType(),
              scala.collection.JavaConverters.asScalaBuffer(keys).toSeq()));
    }
    Dataset<Row> lookup = spark.createDataFrame(catalog, CATALOG);
    // Map lookups by the (at most four) keys, first found wins: compiled code, no lambda per row.
    // The response is searched (a lambda) only when the request names no id: a key equal to the id
    // key
    // or ending in "." and it. (endswith, not LIKE: a LIKE pattern that is not a constant is
    // compiled
    // to a regular expression for every row and key, 4-5% of the report's CPU.)
    StringBuilder byKeys = new StringBuilder("coalesce(");
    for (int i = 0; i < MAX_ID_KEYS; i++) {
      byKeys
          .append(i == 0 ? "" : ", ")
          .append("request_parameters[get(id_keys, ")
          .append(i)
          .append(")]");
    }
    // Computed once a row (in its own projection, which Spark keeps because three expressions use
    // it).
    String requestIdExpr = byKeys.append(')').toString();
    String requestId = "id_from_request";
    String responseId =
        "element_at(filter(transform(id_keys, k -> element_at(map_values(map_filter(response_elements, "
            + "(mk, mv) -> mk = k OR endswith(mk, concat('.', k)))), 1)), v -> v IS NOT NULL), 1)";
    String arnSegment =
        "regexp_extract("
            + requestId
            + ", '^arn:[^:]+:[^:]+:[^:]*:[^:]*:(?:instance/[^/]+/)?([a-z-]+)/', 1)";
    return changes
        .join(
            broadcast(lookup),
            changes.col(EventsTable.EVENT_NAME).equalTo(lookup.col("c_event_name")),
            "left")
        .withColumn(requestId, expr(requestIdExpr))
        .select(
            lit(day).as("report_date"),
            col(EventsTable.EVENT_ID),
            col(EventsTable.EVENT_TIME),
            col(EventsTable.ACTOR),
            col(EventsTable.IDENTITY_TYPE),
            col(EventsTable.EVENT_SOURCE),
            col(EventsTable.EVENT_NAME),
            expr("coalesce(action, 'other')").as("action"),
            expr("coalesce(change_kind, 'configuration')").as("change_kind"),
            expr("CASE WHEN c_resource_type = 'resource' THEN coalesce(nullif("
                    + ARN_TYPES
                    + "["
                    + arnSegment
                    + "], ''), CASE WHEN "
                    + requestId
                    + " RLIKE ':instance/[^/]+$' THEN 'instance' END, 'resource') "
                    + "ELSE coalesce(c_resource_type, 'unknown') END")
                .as("resource_type"),
            expr("CASE WHEN c_resource_type = 'resource' THEN regexp_extract("
                    + requestId
                    + ", '([^/]+)$', 1) "
                    + "ELSE coalesce("
                    + requestId
                    + ", "
                    + responseId
                    + ") END")
                .as("resource_id"),
            col(EventsTable.CONNECT_INSTANCE_ID),
            col(EventsTable.ERROR_CODE).isNull().as("succeeded"),
            col(EventsTable.ERROR_CODE),
            col(EventsTable.ERROR_MESSAGE),
            col(EventsTable.SOURCE_IP_ADDRESS),
            col(EventsTable.USER_AGENT),
            col(EventsTable.REQUEST_PARAMETERS_JSON).as("request_parameters"));
  }
}

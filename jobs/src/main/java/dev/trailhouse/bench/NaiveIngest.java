package dev.trailhouse.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.to_timestamp;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What users write instead: {@code spark.read.json} with schema inference (case-sensitive, without
 * which a trail holding Connect and Voice ID events fails on Name/name), explode Records, the
 * identity columns by nested path, to_json of requestParameters, dropDuplicates(eventID), a Delta
 * write partitioned by date. The benchmark's baseline, not used by the product.
 */
public final class NaiveIngest {
  private NaiveIngest() {}

  /**
   * to_json of a field, or the field itself where inference made it a string (it does as soon as
   * one event carries the field as a JSON string: "a key that is an object in one event and a
   * string in another becomes a string everywhere").
   */
  private static org.apache.spark.sql.Column json(Dataset<Row> records, String field) {
    org.apache.spark.sql.types.StructType r =
        (org.apache.spark.sql.types.StructType) records.schema().apply("r").dataType();
    if (!java.util.Arrays.asList(r.fieldNames()).contains(field)) {
      return org.apache.spark.sql.functions.lit(null).cast("string");
    }
    org.apache.spark.sql.types.DataType t = r.apply(field).dataType();
    return t instanceof org.apache.spark.sql.types.StringType
        ? col("r." + field)
        : to_json(col("r." + field));
  }

  /** The flattened columns both baselines write, from an exploded column {@code r}. */
  static org.apache.spark.sql.Column[] columns(
      org.apache.spark.sql.Column request, org.apache.spark.sql.Column response) {
    return new org.apache.spark.sql.Column[] {
      col("r.eventID").as("event_id"),
      to_timestamp(col("r.eventTime")).as("event_time"),
      to_date(to_timestamp(col("r.eventTime"))).as("event_date"),
      col("r.eventSource").as("event_source"),
      col("r.eventName").as("event_name"),
      col("r.awsRegion").as("aws_region"),
      col("r.sourceIPAddress").as("source_ip_address"),
      col("r.userAgent").as("user_agent"),
      col("r.errorCode").as("error_code"),
      col("r.userIdentity.type").as("identity_type"),
      col("r.userIdentity.principalId").as("identity_principal_id"),
      col("r.userIdentity.arn").as("identity_arn"),
      col("r.userIdentity.accountId").as("identity_account_id"),
      col("r.userIdentity.invokedBy").as("identity_invoked_by"),
      col("r.userIdentity.sessionContext.sessionIssuer.arn").as("session_issuer_arn"),
      request.as("request_parameters_json"),
      response.as("response_elements_json")
    };
  }

  /** Returns the rows written. */
  public static long run(SparkSession spark, List<String> files, String table) {
    String key = "spark.sql.caseSensitive";
    spark.conf().set(key, "true");
    try {
      Dataset<Row> raw = spark.read().json(files.toArray(new String[0]));
      Dataset<Row> records = raw.select(explode(col("Records")).as("r"));
      Dataset<Row> events =
          records
              .select(
                  columns(json(records, "requestParameters"), json(records, "responseElements")))
              .dropDuplicates("event_id");
      events.write().format("delta").mode("overwrite").partitionBy("event_date").save(table);
      return spark.read().format("delta").load(table).count();
    } finally {
      spark.conf().unset(key);
    }
  }
}

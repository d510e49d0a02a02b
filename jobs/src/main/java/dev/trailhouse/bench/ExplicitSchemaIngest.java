package dev.trailhouse.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What a skilled Spark user writes: Spark's JSON reader with an explicit schema of the trail (no
 * inference pass), requestParameters and responseElements declared as strings so that Spark keeps
 * their raw JSON, explode Records, the same flattened columns as {@link NaiveIngest},
 * dropDuplicates(eventID), Delta's own writer partitioned by date. The benchmark's second baseline,
 * not used by the product.
 */
public final class ExplicitSchemaIngest {
  private ExplicitSchemaIngest() {}

  private static StructField str(String name) {
    return DataTypes.createStructField(name, DataTypes.StringType, true);
  }

  private static StructType struct(StructField... fields) {
    return DataTypes.createStructType(fields);
  }

  /**
   * The fields of a CloudTrail file that the flattened columns need; the rest is never parsed into
   * rows.
   */
  static StructType schema() {
    StructType identity =
        struct(
            str("type"),
            str("principalId"),
            str("arn"),
            str("accountId"),
            str("invokedBy"),
            DataTypes.createStructField(
                "sessionContext",
                struct(DataTypes.createStructField("sessionIssuer", struct(str("arn")), true)),
                true));
    StructType record =
        struct(
            str("eventVersion"),
            DataTypes.createStructField("userIdentity", identity, true),
            str("eventTime"),
            str("eventSource"),
            str("eventName"),
            str("awsRegion"),
            str("sourceIPAddress"),
            str("userAgent"),
            str("errorCode"),
            str("requestParameters"),
            str("responseElements"),
            str("eventID"));
    return struct(
        DataTypes.createStructField("Records", DataTypes.createArrayType(record, true), true));
  }

  /** Returns the rows written. */
  public static long run(SparkSession spark, List<String> files, String table) {
    Dataset<Row> raw = spark.read().schema(schema()).json(files.toArray(new String[0]));
    Dataset<Row> records = raw.select(explode(col("Records")).as("r"));
    Dataset<Row> events =
        records
            .select(NaiveIngest.columns(col("r.requestParameters"), col("r.responseElements")))
            .dropDuplicates("event_id");
    events.write().format("delta").mode("overwrite").partitionBy("event_date").save(table);
    return spark.read().format("delta").load(table).count();
  }
}

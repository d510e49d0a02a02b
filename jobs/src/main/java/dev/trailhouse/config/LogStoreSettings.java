package dev.trailhouse.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Spark settings of {@code delta.log_store}: with {@code dynamodb}, Delta's S3DynamoDBLogStore
 * for s3:// and s3a:// tables (a DynamoDB conditional put decides which writer gets commit N), else
 * none (Delta's default, which assumes one writing driver per table on S3).
 */
public final class LogStoreSettings {
  public static final String DEFAULT = "default";
  public static final String DYNAMODB = "dynamodb";
  public static final String DYNAMODB_CLASS = "io.delta.storage.S3DynamoDBLogStore";

  /** Where S3DynamoDBLogStore reads its own settings (from the session's Hadoop configuration). */
  public static final String DYNAMODB_PREFIX = "spark.io.delta.storage.S3DynamoDBLogStore.";

  public static final String TABLE_NAME = DYNAMODB_PREFIX + "ddb.tableName";
  public static final String REGION = DYNAMODB_PREFIX + "ddb.region";

  private LogStoreSettings() {}

  /** Delta's per-scheme log store key, e.g. {@code spark.delta.logStore.s3a.impl}. */
  public static String schemeKey(String scheme) {
    return "spark.delta.logStore." + scheme + ".impl";
  }

  /**
   * The Spark settings for the chosen log store, validated; {@code explicit} holds the spark.* keys
   * the user set, which must not contradict them.
   */
  public static Map<String, String> spark(
      String kind, String table, String region, Map<String, String> explicit) {
    Map<String, String> out = new LinkedHashMap<>();
    if (DEFAULT.equals(kind)) {
      return out;
    }
    if (!DYNAMODB.equals(kind)) {
      throw Errors.badValue(
          ConfigKey.DELTA_LOG_STORE.key(), kind, "it must be " + DEFAULT + " or " + DYNAMODB);
    }
    // DynamoDB's rule for table names.
    if (!table.matches("[A-Za-z0-9_.-]{3,255}")) {
      throw Errors.badValue(
          ConfigKey.DELTA_DYNAMODB_TABLE.key(),
          table,
          "a DynamoDB table name is 3 to 255 letters, digits, _ . or -");
    }
    if (region.isEmpty()) {
      throw Errors.missingKey(
          ConfigKey.DELTA_DYNAMODB_REGION.key(),
          "the region of the DynamoDB table that orders Delta commits (e.g. us-east-1)");
    }
    if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
      throw Errors.badValue(
          ConfigKey.DELTA_DYNAMODB_REGION.key(), region, "a region looks like us-east-1");
    }
    out.put(schemeKey("s3"), DYNAMODB_CLASS);
    out.put(schemeKey("s3a"), DYNAMODB_CLASS);
    out.put(TABLE_NAME, table);
    out.put(REGION, region);
    for (Map.Entry<String, String> e : out.entrySet()) {
      String given = explicit.get(e.getKey());
      if (given != null && !given.equals(e.getValue())) {
        throw Errors.badValue(
            e.getKey(),
            given,
            "delta.log_store=dynamodb sets it to '"
                + e.getValue()
                + "'; remove "
                + e.getKey()
                + " or change the delta.* keys");
      }
    }
    return out;
  }
}

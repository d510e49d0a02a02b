package dev.trailhouse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** delta.log_store and its DynamoDB keys: the Spark settings they make, and the errors. */
class LogStoreConfigTest {
  static Config load(String... sets) {
    List<String> all = new ArrayList<>(List.of("input=s3a://trail/ct", "warehouse=s3a://lake/wh"));
    all.addAll(List.of(sets));
    return ConfigLoader.load(null, all);
  }

  static String message(String... sets) {
    return assertThrows(TrailhouseException.class, () -> load(sets)).getMessage();
  }

  @Test
  void defaultSetsNothing() {
    Config c = load();
    assertEquals(Map.of(), c.sparkSettings());
    assertEquals("default", c.effective().get("delta.log_store"));
  }

  @Test
  void dynamodbSetsBothSchemesTableAndRegion() {
    Config c =
        load(
            "delta.log_store=dynamodb",
            "delta.dynamodb.table=trail_delta_log",
            "delta.dynamodb.region=eu-west-1");
    assertEquals(
        Map.of(
            "spark.delta.logStore.s3.impl", "io.delta.storage.S3DynamoDBLogStore",
            "spark.delta.logStore.s3a.impl", "io.delta.storage.S3DynamoDBLogStore",
            "spark.io.delta.storage.S3DynamoDBLogStore.ddb.tableName", "trail_delta_log",
            "spark.io.delta.storage.S3DynamoDBLogStore.ddb.region", "eu-west-1"),
        c.sparkSettings());
    assertEquals(
        "io.delta.storage.S3DynamoDBLogStore", c.effective().get("spark.delta.logStore.s3a.impl"));
  }

  @Test
  void dynamodbKeepsOtherSparkKeysAndAgreeingOnes() {
    Config c =
        load(
            "delta.log_store=dynamodb",
            "delta.dynamodb.region=us-east-1",
            "spark.io.delta.storage.S3DynamoDBLogStore.provisionedThroughput.rcu=10",
            "spark.delta.logStore.s3a.impl=io.delta.storage.S3DynamoDBLogStore");
    assertEquals(
        "10",
        c.sparkSettings()
            .get("spark.io.delta.storage.S3DynamoDBLogStore.provisionedThroughput.rcu"));
    assertEquals(
        "delta_log",
        c.sparkSettings().get("spark.io.delta.storage.S3DynamoDBLogStore.ddb.tableName"));
    assertEquals(
        5, c.sparkSettings().size()); // the log store's 4 (the agreeing s3a key among them) and rcu
  }

  @Test
  void errorsNameTheKey() {
    assertEquals(
        "Configuration key 'delta.log_store' has value 'dynamo', but it must be default or dynamodb. "
            + "Set it in the --conf file or with --set delta.log_store=...",
        message("delta.log_store=dynamo"));
    assertEquals(
        "Configuration key 'delta.dynamodb.region' is not set: it is the region of the DynamoDB table that orders "
            + "Delta commits (e.g. us-east-1). Set it in the --conf file or with --set delta.dynamodb.region=...",
        message("delta.log_store=dynamodb"));
    assertEquals(
        "Configuration key 'delta.dynamodb.region' has value 'useast1', but a region looks like us-east-1. "
            + "Set it in the --conf file or with --set delta.dynamodb.region=...",
        message("delta.log_store=dynamodb", "delta.dynamodb.region=useast1"));
    assertEquals(
        "Configuration key 'delta.dynamodb.table' has value 'a/b', but a DynamoDB table name is 3 to 255 letters, "
            + "digits, _ . or -. Set it in the --conf file or with --set delta.dynamodb.table=...",
        message(
            "delta.log_store=dynamodb",
            "delta.dynamodb.region=us-east-1",
            "delta.dynamodb.table=a/b"));
    assertEquals(
        "Configuration key 'spark.delta.logStore.s3.impl' has value 'io.delta.storage.S3SingleDriverLogStore', but "
            + "delta.log_store=dynamodb sets it to 'io.delta.storage.S3DynamoDBLogStore'; remove "
            + "spark.delta.logStore.s3.impl or change the delta.* keys. Set it in the --conf file or with "
            + "--set spark.delta.logStore.s3.impl=...",
        message(
            "delta.log_store=dynamodb",
            "delta.dynamodb.region=us-east-1",
            "spark.delta.logStore.s3.impl=io.delta.storage.S3SingleDriverLogStore"));
  }
}

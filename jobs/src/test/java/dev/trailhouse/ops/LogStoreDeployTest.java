package dev.trailhouse.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailhouse.Repo;
import dev.trailhouse.config.Config;
import dev.trailhouse.config.ConfigLoader;
import dev.trailhouse.config.LogStoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The EMR templates agree on Delta's DynamoDB log store: the cluster-wide spark-defaults set what
 * conf/emr.yaml makes the job set, every step brings the log store's jar, and the IAM policy grants
 * the DynamoDB calls S3DynamoDBLogStore makes on that table.
 */
class LogStoreDeployTest {
  static final Path EMR = Repo.root().resolve("conf/emr");
  static final String JAR = "local:///usr/share/aws/delta/lib/delta-storage-s3-dynamodb.jar";
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void clusterDefaultsMatchTheJobsConfiguration() throws Exception {
    Config c = ConfigLoader.load(Repo.root().resolve("conf/emr.yaml").toString(), List.of());
    Map<String, String> job = new TreeMap<>();
    c.sparkSettings()
        .forEach(
            (k, v) -> {
              if (k.startsWith("spark.delta.logStore.")
                  || k.startsWith(LogStoreSettings.DYNAMODB_PREFIX)) {
                job.put(k, v);
              }
            });
    assertEquals(
        Map.of(
            "spark.delta.logStore.s3.impl", "io.delta.storage.S3DynamoDBLogStore",
            "spark.delta.logStore.s3a.impl", "io.delta.storage.S3DynamoDBLogStore",
            "spark.io.delta.storage.S3DynamoDBLogStore.ddb.tableName", "trailhouse_delta_log",
            "spark.io.delta.storage.S3DynamoDBLogStore.ddb.region", "us-east-1"),
        job);
    JsonNode defaults = null;
    for (JsonNode k : JSON.readTree(EMR.resolve("configurations.json").toFile())) {
      if (k.get("Classification").asText().equals("spark-defaults")) {
        defaults = k;
      }
    }
    assertNotNull(defaults, "configurations.json has no spark-defaults classification");
    for (Map.Entry<String, String> e : job.entrySet()) {
      assertEquals(e.getValue(), defaults.get("Properties").path(e.getKey()).asText(), e.getKey());
    }
  }

  @Test
  void everyStepBringsTheLogStoreJar() throws Exception {
    List<String> steps = new ArrayList<>();
    try (Stream<Path> s = Files.list(EMR)) {
      for (Path f :
          s.filter(p -> p.getFileName().toString().startsWith("steps-")).sorted().toList()) {
        for (JsonNode step : JSON.readTree(f.toFile())) {
          List<String> args = new ArrayList<>();
          step.get("Args").forEach(a -> args.add(a.asText()));
          assertEquals(JAR, args.get(args.indexOf("--jars") + 1), f.toString());
          steps.add(f.getFileName().toString());
        }
      }
    }
    assertEquals(
        List.of(
            "steps-ingest.json", "steps-maintain.json", "steps-report.json", "steps-verify.json"),
        steps);
  }

  @Test
  void iamPolicyGrantsTheLogStoresCallsOnItsTable() throws Exception {
    JsonNode statement =
        JSON.readTree(EMR.resolve("iam/dynamodb-logstore.json").toFile()).get("Statement").get(0);
    List<String> actions = new ArrayList<>();
    statement.get("Action").forEach(a -> actions.add(a.asText()));
    assertEquals(
        List.of("dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"),
        actions);
    assertEquals(
        "arn:aws:dynamodb:us-east-1:YOUR-ACCOUNT-ID:table/trailhouse_delta_log",
        statement.get("Resource").asText());
  }
}

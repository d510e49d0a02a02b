package dev.trailhouse.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trailhouse.TestSpark;
import dev.trailhouse.generate.GeneratedTrail;
import dev.trailhouse.generate.GeneratorSpec;
import dev.trailhouse.generate.TrailGenerator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The explicit-schema baseline writes the same events as the naive one, and keeps raw JSON bodies.
 */
class ExplicitSchemaIngestTest {
  @TempDir Path dir;

  @Test
  void writesTheSameRowsAsTheNaiveBaselineWithRawJsonBodies() {
    GeneratedTrail t =
        TrailGenerator.generate(
            GeneratorSpec.bench(5, BenchTrails.DAY, 3_000, 0), dir.resolve("trail"));
    List<String> uris = new ArrayList<>();
    for (Path f : t.eventFiles()) {
      uris.add(f.toUri().toString());
    }
    SparkSession spark = TestSpark.session();
    String explicitTable = dir.resolve("explicit").toUri().toString();
    long explicit = ExplicitSchemaIngest.run(spark, uris, explicitTable);
    long naive = NaiveIngest.run(spark, uris, dir.resolve("naive").toUri().toString());
    assertEquals(t.distinctEvents(), explicit);
    assertEquals(naive, explicit);

    Dataset<Row> e =
        spark
            .read()
            .format("delta")
            .load(explicitTable)
            .drop("request_parameters_json", "response_elements_json");
    Dataset<Row> n =
        spark
            .read()
            .format("delta")
            .load(dir.resolve("naive").toString())
            .drop("request_parameters_json", "response_elements_json");
    assertEquals(0, e.exceptAll(n).count());
    assertEquals(0, n.exceptAll(e).count());

    Dataset<Row> all = spark.read().format("delta").load(explicitTable);
    // S3 delivers these requestParameters as a JSON string; every other body is an object kept as
    // its raw text.
    List<Row> put =
        all.where("event_name = 'PutObject'")
            .select("request_parameters_json")
            .distinct()
            .collectAsList();
    assertEquals(1, put.size());
    assertEquals(
        "{\"bucketName\":\"connect-recordings\",\"key\":\"2025/03/call.wav\",\"Host\":\"connect-recordings.s3.amazonaws.com\"}",
        put.get(0).getString(0));
    assertEquals(
        0, all.where("event_name = 'ListRoles' AND request_parameters_json IS NOT NULL").count());
    List<Row> roles =
        all.where("event_name = 'AssumeRole'")
            .select("request_parameters_json")
            .distinct()
            .collectAsList();
    assertEquals(1, roles.size());
    assertEquals(
        "{\"roleArn\":\"arn:aws:iam::123456789012:role/ConnectAutomation\",\"roleSessionName\":\"lambda-sync-1\","
            + "\"durationSeconds\":3600}",
        roles.get(0).getString(0));
  }
}

package dev.trailhouse.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What every Trailhouse DAG must be, checked on the graph {@link StrictAirflow} prints: which DAGs
 * exist, their schedule and catch-up, the task order, the command and dates each task runs
 * (rendered for {@link StrictAirflow#DS}), one task per command that submits and waits, the waiting
 * shorter than the task's timeout, and the lake's pool on every task (every Trailhouse command
 * writes the lake).
 */
final class DagContract {
  static final String POOL = "trailhouse_lake";
  static final String DAILY = "CronDataIntervalTimetable(0 6 * * *,UTC)";
  static final String WEEKLY = "CronDataIntervalTimetable(0 3 * * 0,UTC)";
  static final String JAR = "s3://artifacts/trailhouse-jobs.jar";
  static final String MAIN = "dev.trailhouse.cli.Main";
  static final List<String> SPARK_SUBMIT =
      List.of(
          "spark-submit",
          "--deploy-mode",
          "cluster",
          "--class",
          MAIN,
          "--conf",
          "spark.yarn.maxAppAttempts=1",
          "--jars",
          "local:///usr/share/aws/delta/lib/delta-storage-s3-dynamodb.jar",
          JAR);
  static final String SERVERLESS_PARAMETERS =
      "--class dev.trailhouse.cli.Main"
          + " --conf spark.jars=/usr/share/aws/delta/lib/delta-spark.jar,/usr/share/aws/delta/lib/delta-storage.jar"
          + " --conf spark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension"
          + " --conf spark.sql.catalog.spark_catalog=org.apache.spark.sql.delta.catalog.DeltaCatalog";

  /** The command line after the jar of each task, for logical day 2025-03-25. */
  static final Map<String, List<String>> COMMANDS =
      Map.of(
          "ingest",
              List.of(
                  "ingest",
                  "--from",
                  "2025-03-25",
                  "--to",
                  "2025-03-25",
                  "--conf",
                  "s3://config/emr.yaml"),
          "report",
              List.of(
                  "report",
                  "--from",
                  "2025-03-24",
                  "--to",
                  "2025-03-25",
                  "--conf",
                  "s3://config/emr.yaml"),
          "verify",
              List.of(
                  "verify",
                  "--from",
                  "2025-03-24",
                  "--to",
                  "2025-03-25",
                  "--conf",
                  "s3://config/emr.yaml"),
          "maintain", List.of("maintain", "--conf", "s3://config/emr.yaml"));

  private DagContract() {}

  static void check(JsonNode graph) {
    Map<String, JsonNode> dags = new TreeMap<>();
    graph.get("dags").forEach(d -> dags.put(d.get("dag_id").asText(), d));
    assertEquals(
        List.of(
            "trailhouse_emr",
            "trailhouse_emr_maintain",
            "trailhouse_emr_serverless",
            "trailhouse_emr_serverless_maintain",
            "trailhouse_spark_submit",
            "trailhouse_spark_submit_maintain"),
        new ArrayList<>(dags.keySet()));
    dags.forEach(
        (id, dag) -> {
          boolean maintain = id.endsWith("_maintain");
          assertEquals(maintain ? WEEKLY : DAILY, dag.get("schedule").asText(), id + " schedule");
          assertFalse(
              dag.get("catchup").asBoolean(true), id + ": catch-up is off; backfills are explicit");
          assertEquals(1, dag.get("max_active_runs").asInt(), id + " max_active_runs");
          assertEquals(
              "2025-02-01T00:00:00+00:00",
              dag.get("start_date").asText(),
              id + ": start date from the Variable");
          List<String> order =
              maintain ? List.of("maintain") : List.of("ingest", "report", "verify");
          List<String> ids = new ArrayList<>();
          dag.get("tasks").forEach(t -> ids.add(t.get("task_id").asText()));
          assertEquals(order, ids, id + " tasks");
          List<String> edges = new ArrayList<>();
          dag.get("edges").forEach(e -> edges.add(e.get(0).asText() + ">>" + e.get(1).asText()));
          assertEquals(
              maintain ? List.of() : List.of("ingest>>report", "report>>verify"),
              edges,
              id + " order");
          dag.get("tasks").forEach(t -> task(id, t));
        });
  }

  static void task(String dagId, JsonNode task) {
    String where = dagId + "." + task.get("task_id").asText();
    JsonNode kw = task.get("effective");
    JsonNode rendered = task.get("rendered");
    assertEquals(
        POOL,
        kw.path("pool").asText(null),
        where + ": every Trailhouse task writes the lake, so it runs in the lake's pool");
    assertEquals(1, kw.path("pool_slots").asInt(1), where + " pool_slots");
    assertEquals(3, kw.path("retries").asInt(), where + " retries");
    assertFalse(
        kw.path("deferrable").asBoolean(false),
        where + ": a deferred task leaves its pool slot unless the pool counts deferred tasks");
    List<String> command = new ArrayList<>();
    switch (task.get("type").asText()) {
      case "EmrAddStepsOperator" -> {
        assertTrue(
            kw.path("wait_for_completion").asBoolean(false),
            where
                + ": the task waits for its step, so that a failed step fails the task and a retry adds it again");
        assertEquals("j-TEST", rendered.get("job_flow_id").asText(), where);
        assertEquals(1, rendered.get("steps").size(), where + ": one command per task");
        JsonNode step = rendered.get("steps").get(0);
        assertEquals("command-runner.jar", step.get("HadoopJarStep").get("Jar").asText(), where);
        step.get("HadoopJarStep").get("Args").forEach(a -> command.add(a.asText()));
        assertEquals(SPARK_SUBMIT, command.subList(0, SPARK_SUBMIT.size()), where);
        command.subList(0, SPARK_SUBMIT.size()).clear();
        waitsLessThanTimeout(where, kw, 0);
      }
      case "EmrServerlessStartJobOperator" -> {
        assertTrue(
            kw.path("wait_for_completion").asBoolean(false),
            where
                + ": the task waits for its job run, so that a failed run fails the task and a retry starts another");
        assertEquals("00testapp", rendered.get("application_id").asText(), where);
        assertEquals(
            "arn:aws:iam::123456789012:role/trailhouse",
            rendered.get("execution_role_arn").asText(),
            where);
        JsonNode submit = rendered.get("job_driver").get("sparkSubmit");
        assertEquals(JAR, submit.get("entryPoint").asText(), where);
        assertEquals(SERVERLESS_PARAMETERS, submit.get("sparkSubmitParameters").asText(), where);
        submit.get("entryPointArguments").forEach(a -> command.add(a.asText()));
        int runLimitS = rendered.get("config").get("executionTimeoutMinutes").asInt() * 60;
        assertTrue(runLimitS > 0, where + " executionTimeoutMinutes");
        waitsLessThanTimeout(where, kw, runLimitS);
      }
      case "SparkSubmitOperator" -> {
        assertEquals(JAR, rendered.get("application").asText(), where);
        assertEquals(MAIN, kw.get("java_class").asText(), where);
        rendered.get("application_args").forEach(a -> command.add(a.asText()));
      }
      default -> throw new AssertionError(where + ": unexpected operator " + task.get("type"));
    }
    assertEquals(COMMANDS.get(task.get("task_id").asText()), command, where + " command and dates");
  }

  /**
   * The operator stops waiting (after the job's own limit, if it has one) before Airflow's
   * execution_timeout.
   */
  static void waitsLessThanTimeout(String where, JsonNode kw, int runLimitS) {
    long waitS = kw.get("waiter_delay").asLong() * kw.get("waiter_max_attempts").asLong();
    double timeoutS = kw.get("execution_timeout").asDouble();
    assertTrue(
        waitS > runLimitS,
        where
            + ": the operator must wait longer than the run's own limit ("
            + waitS
            + " s, limit "
            + runLimitS
            + " s)");
    assertTrue(
        waitS < timeoutS,
        where
            + ": the operator must stop waiting before execution_timeout ("
            + waitS
            + " s, timeout "
            + timeoutS
            + " s)");
    assertTrue(
        waitS >= 3 * 3600,
        where + ": the operator must wait at least 3 hours for one command (" + waitS + " s)");
  }
}

package dev.trailhouse.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailhouse.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Airflow DAGs in conf/airflow, imported against a strict stand-in for Airflow ({@link
 * StrictAirflow}): every operator's arguments match the provider's real signature, the graph meets
 * {@link DagContract}, and the EMR step and EMR Serverless job files say what the DAGs run. Each
 * check is also shown failing on a mutated copy of the DAGs.
 */
class AirflowDagsTest {
  static final Path AIRFLOW = Repo.root().resolve("conf/airflow");
  static final Path EMR = Repo.root().resolve("conf/emr");
  static final Path SERVERLESS = Repo.root().resolve("conf/emr-serverless");
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void theDagsMeetTheContract() throws Exception {
    DagContract.check(StrictAirflow.graph(dir, StrictAirflow.dagFiles(AIRFLOW)));
  }

  /**
   * A DAG edit that breaks a real operator signature fails the import, with the line that says why.
   */
  static Stream<Arguments> signatureMutations() {
    return Stream.of(
        Arguments.of(
            "trailhouse_emr_dag.py",
            "wait_for_completion=True",
            "wait_for_completion=True, poll_interval=30",
            "ERROR EmrAddStepsOperator(task_id='ingest'): unknown keyword 'poll_interval'"),
        Arguments.of(
            "trailhouse_emr_dag.py",
            "waiter_delay=",
            "waiter_dealy=",
            "ERROR EmrAddStepsOperator(task_id='ingest'): unknown keyword 'waiter_dealy'"),
        Arguments.of(
            "trailhouse_emr_dag.py",
            "job_flow_id=CLUSTER,",
            "",
            "ERROR EmrAddStepsOperator(task_id='ingest'): exactly one of ['job_flow_id', 'job_flow_name'] must be given"),
        Arguments.of(
            "trailhouse_emr_dag.py",
            "\"spark.yarn.maxAppAttempts=1\"",
            "\"s3://bucket/extra.json\"",
            "ERROR EmrAddStepsOperator(task_id='ingest'): 'steps' has 's3://bucket/extra.json', which Airflow would read as a template file"),
        Arguments.of(
            "trailhouse_emr_serverless_dag.py",
            "execution_role_arn=ROLE,",
            "",
            "ERROR EmrServerlessStartJobOperator(task_id='ingest'): missing required argument 'execution_role_arn'"),
        Arguments.of(
            "trailhouse_emr_serverless_dag.py",
            "config={",
            "job_config={",
            "ERROR EmrServerlessStartJobOperator(task_id='ingest'): unknown keyword 'job_config'"),
        Arguments.of(
            "trailhouse_emr_serverless_dag.py",
            "aws_conn_id=\"aws_default\",",
            "aws_conn_id=\"aws_default\", client_request_token=\"trailhouse-{{ ds }}\",",
            "ERROR EmrServerlessStartJobOperator(task_id='ingest'): 'client_request_token' holds a Jinja template but is not a template field of EmrServerlessStartJobOperator"),
        Arguments.of(
            "trailhouse_spark_submit_dag.py",
            "java_class=th.MAIN_CLASS",
            "java_class=\"{{ var.value.trailhouse_main }}\"",
            "ERROR SparkSubmitOperator(task_id='ingest'): 'java_class' holds a Jinja template but is not a template field of SparkSubmitOperator"),
        Arguments.of(
            "trailhouse_spark_submit_dag.py",
            "conn_id=",
            "connection_id=",
            "ERROR SparkSubmitOperator(task_id='ingest'): unknown keyword 'connection_id'"),
        Arguments.of(
            "trailhouse_common.py",
            "\"retries\": 3",
            "\"retires\": 3",
            "ERROR EmrAddStepsOperator(task_id='ingest'): default_args key 'retires' is no argument of EmrAddStepsOperator; Airflow would drop it"),
        Arguments.of(
            "trailhouse_common.py",
            "macros.ds_add(ds, -1)",
            "macros.ds_ad(ds, -1)",
            "ERROR EmrAddStepsOperator(task_id='report'): 'steps' does not render: 'types.SimpleNamespace object' has no attribute 'ds_ad'"),
        Arguments.of(
            "trailhouse_emr_dag.py",
            "    max_active_runs=1,\n    default_args=th.DEFAULT_ARGS,\n    tags=[\"trailhouse\", \"cloudtrail\"",
            "    max_active_run=1,\n    default_args=th.DEFAULT_ARGS,\n    tags=[\"trailhouse\", \"cloudtrail\"",
            "ERROR DAG: unknown keyword 'max_active_run'"));
  }

  @ParameterizedTest
  @MethodSource("signatureMutations")
  void aDagThatBreaksASignatureFails(String file, String from, String to, String expected)
      throws Exception {
    StrictAirflow.Result r = StrictAirflow.run(dir, mutated(file, from, to));
    assertEquals(1, r.exit(), r.output());
    assertTrue(r.output().lines().anyMatch(expected::equals), r.output());
  }

  /** A DAG edit that keeps the signatures but breaks the contract fails DagContract. */
  static Stream<Arguments> contractMutations() {
    return Stream.of(
        Arguments.of(
            "trailhouse_emr_dag.py",
            "wait_for_completion=True",
            "wait_for_completion=False",
            "trailhouse_emr.ingest: the task waits for its step"),
        Arguments.of(
            "trailhouse_emr_dag.py",
            "wait_for_completion=True,",
            "",
            "trailhouse_emr.ingest: the task waits for its step"),
        Arguments.of(
            "trailhouse_emr_serverless_dag.py",
            "wait_for_completion=True",
            "wait_for_completion=False",
            "trailhouse_emr_serverless.ingest: the task waits for its job run"),
        Arguments.of(
            "trailhouse_emr_dag.py",
            "wait_for_completion=True",
            "deferrable=True",
            "trailhouse_emr.ingest: a deferred task leaves its pool slot"),
        Arguments.of(
            "trailhouse_common.py",
            "    \"pool\": POOL,\n",
            "",
            "trailhouse_emr.ingest: every Trailhouse task writes the lake"),
        Arguments.of(
            "trailhouse_spark_submit_dag.py",
            "name=f\"trailhouse-{name}\",",
            "name=f\"trailhouse-{name}\", pool=\"default_pool\",",
            "trailhouse_spark_submit.ingest: every Trailhouse task writes the lake"),
        Arguments.of(
            "trailhouse_common.py",
            "(\"report\", [\"report\", \"--from\", PREVIOUS_DAY",
            "(\"report\", [\"report\", \"--from\", DAY",
            "trailhouse_emr.report command and dates"),
        Arguments.of(
            "trailhouse_common.py",
            "WAIT_ATTEMPTS = 200",
            "WAIT_ATTEMPTS = 60",
            "trailhouse_emr.ingest: the operator must wait at least 3 hours for one command"),
        Arguments.of(
            "trailhouse_emr_serverless_dag.py",
            "RUN_TIMEOUT_MIN = 180",
            "RUN_TIMEOUT_MIN = 240",
            "trailhouse_emr_serverless.ingest: the operator must wait longer than the run's own limit"),
        Arguments.of(
            "trailhouse_emr_dag.py",
            "catchup=False",
            "catchup=True",
            "trailhouse_emr: catch-up is off"),
        Arguments.of(
            "trailhouse_emr_dag.py",
            "schedule=th.WEEKLY_SCHEDULE",
            "schedule=th.DAILY_SCHEDULE",
            "trailhouse_emr_maintain schedule"),
        Arguments.of("trailhouse_emr_dag.py", "previous >> task", "pass", "trailhouse_emr order"));
  }

  @ParameterizedTest
  @MethodSource("contractMutations")
  void aDagThatBreaksTheContractFails(String file, String from, String to, String expected)
      throws Exception {
    JsonNode graph = StrictAirflow.graph(dir, mutated(file, from, to));
    AssertionError e = assertThrows(AssertionError.class, () -> DagContract.check(graph));
    assertTrue(e.getMessage().startsWith(expected), e.getMessage());
  }

  /** The copy-and-run files in conf/emr and conf/emr-serverless run exactly what the DAGs run. */
  @Test
  void stepAndJobFilesMatchTheDags() throws Exception {
    JsonNode graph = StrictAirflow.graph(dir, StrictAirflow.dagFiles(AIRFLOW));
    int emrSteps = 0;
    int serverlessRuns = 0;
    for (JsonNode dag : graph.get("dags")) {
      for (JsonNode task : dag.get("tasks")) {
        String name = task.get("task_id").asText();
        JsonNode kw = task.get("effective");
        if (task.get("type").asText().equals("EmrAddStepsOperator")) {
          JsonNode file = JSON.readTree(EMR.resolve("steps-" + name + ".json").toFile()).get(0);
          JsonNode step = placeholders(kw.get("steps")).get(0);
          assertEquals(file.get("Args"), step.get("HadoopJarStep").get("Args"), name);
          assertEquals(file.get("Jar"), step.get("HadoopJarStep").get("Jar"), name);
          assertEquals(file.get("ActionOnFailure"), step.get("ActionOnFailure"), name);
          emrSteps++;
        } else if (task.get("type").asText().equals("EmrServerlessStartJobOperator")) {
          JsonNode file =
              JSON.readTree(SERVERLESS.resolve("start-job-run-" + name + ".json").toFile());
          assertEquals(file.get("jobDriver"), placeholders(kw.get("job_driver")), name);
          assertEquals(
              file.get("configurationOverrides"),
              placeholders(kw.get("configuration_overrides")),
              name);
          assertEquals(
              file.get("executionTimeoutMinutes"),
              kw.get("config").get("executionTimeoutMinutes"),
              name);
          assertEquals(file.get("name"), placeholders(kw.get("name")), name);
          serverlessRuns++;
        }
      }
    }
    assertEquals(4, emrSteps);
    assertEquals(4, serverlessRuns);
    JsonNode app = JSON.readTree(SERVERLESS.resolve("application.json").toFile());
    assertEquals(
        "emr-7.12.0",
        app.get("releaseLabel").asText(),
        "Spark 3.5.6 and Delta 3.3.2, as the job is built against");
    assertEquals("SPARK", app.get("type").asText());
    assertEquals(
        1,
        app.get("schedulerConfiguration").get("maxConcurrentRuns").asInt(),
        "one job run at a time");
  }

  @Test
  void signaturesNameTheirSource() throws Exception {
    JsonNode provenance =
        JSON.readTree(StrictAirflow.resource("signatures.json").toFile()).get("provenance");
    assertTrue(
        provenance
            .get("apache-airflow-providers-amazon")
            .get("version")
            .asText()
            .startsWith("9.29.0"));
    List<String> paths = new ArrayList<>();
    provenance.forEach(
        source ->
            source
                .get("files")
                .forEach(
                    f -> {
                      assertTrue(f.get("commit").asText().matches("[0-9a-f]{40}"), f.toString());
                      paths.add(f.get("path").asText());
                    }));
    assertTrue(
        paths.contains("providers/amazon/src/airflow/providers/amazon/aws/operators/emr.py"),
        paths.toString());
    assertTrue(paths.contains("task-sdk/src/airflow/sdk/bases/operator.py"), paths.toString());
  }

  /** The DAG templates as the placeholders the copy-and-run files use. */
  static JsonNode placeholders(JsonNode value) throws Exception {
    String text = JSON.writeValueAsString(value);
    Map<String, String> map =
        Map.of(
            "{{ ds }}",
            "DAY",
            "{{ macros.ds_add(ds, -1) }}",
            "PREVIOUS_DAY",
            "{{ var.value.get('trailhouse_jar', 's3://YOUR-ARTIFACT-BUCKET/trailhouse/trailhouse-jobs.jar') }}",
            "s3://YOUR-ARTIFACT-BUCKET/trailhouse/trailhouse-jobs.jar",
            "{{ var.value.get('trailhouse_conf', 's3://YOUR-CONFIG-BUCKET/trailhouse/emr.yaml') }}",
            "s3://YOUR-CONFIG-BUCKET/trailhouse/emr.yaml",
            "{{ var.value.get('trailhouse_logs', 's3://YOUR-LOG-BUCKET/trailhouse/emr-serverless/') }}",
            "s3://YOUR-LOG-BUCKET/trailhouse/emr-serverless/");
    for (Map.Entry<String, String> e : map.entrySet()) {
      text = text.replace(e.getKey(), e.getValue());
    }
    assertTrue(!text.contains("{{"), text);
    return JSON.readTree(text);
  }

  /** A copy of conf/airflow with one edit in one file; the edit must apply. */
  List<Path> mutated(String file, String from, String to) throws Exception {
    Path copy = Files.createDirectories(dir.resolve("dags"));
    try (Stream<Path> s = Files.list(AIRFLOW)) {
      for (Path p : s.filter(p -> p.toString().endsWith(".py")).toList()) {
        Files.copy(p, copy.resolve(p.getFileName()));
      }
    }
    Path target = copy.resolve(file);
    String text = Files.readString(target);
    assertTrue(text.contains(from), file + " no longer contains " + from);
    Files.writeString(target, text.replace(from, to));
    return StrictAirflow.dagFiles(copy);
  }
}
